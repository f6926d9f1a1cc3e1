package localdb

import badger "github.com/dgraph-io/badger/v4"

// LocalSetting returns a device-local setting (such as who is signed in on this device), ""
// when it was never set. These settings never sync.
func (db *DB) LocalSetting(key string) (string, error) {
	var v []byte
	err := db.bdb.View(func(txn *badger.Txn) error {
		var err error
		v, err = getValue(txn, keySetting(key))
		return err
	})
	return string(v), storeError(err)
}

// SetLocalSetting stores a device-local setting; "" removes it.
func (db *DB) SetLocalSetting(key, value string) error {
	if err := db.checkSpace(); err != nil {
		return err
	}
	err := db.bdb.Update(func(txn *badger.Txn) error {
		if value == "" {
			return txn.Delete(keySetting(key))
		}
		return txn.Set(keySetting(key), []byte(value))
	})
	return storeError(err)
}
