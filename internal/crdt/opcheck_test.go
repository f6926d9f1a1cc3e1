package crdt

import "testing"

// rle builds run-length encoded columns for the checks below.
func rle(runs ...run) []byte {
	var b []byte
	for _, r := range runs {
		switch {
		case r.null:
			b = append(b, 0, byte(r.n))
		default:
			b = append(b, byte(r.n), byte(r.v)) // small positive counts and values only
		}
	}
	return b
}

func TestOperationChecksRefuseWhatAutomergeWouldAbortOn(t *testing.T) {
	str, integer := uint64(3<<4|6), uint64(1<<4|valueTypeInt)
	for name, c := range map[string]struct {
		actions, metas []run
		ok             bool
	}{
		"known actions":            {[]run{{v: 0, n: 2}, {v: 1, n: 3}}, []run{{n: 5, null: true}}, true},
		"unknown action":           {[]run{{v: 1, n: 1}, {v: 8, n: 1}}, nil, false},
		"increment by an integer":  {[]run{{v: 1, n: 1}, {v: 5, n: 2}}, []run{{v: str, n: 1}, {v: integer, n: 2}}, true},
		"increment by a string":    {[]run{{v: 1, n: 1}, {v: 5, n: 2}}, []run{{v: integer, n: 2}, {v: str, n: 1}}, false},
		"increment by nothing":     {[]run{{v: 5, n: 1}}, []run{{n: 1, null: true}}, false},
		"increment past the metas": {[]run{{v: 1, n: 1}, {v: 5, n: 1}}, []run{{v: integer, n: 1}}, false},
	} {
		if err := checkActions(c.actions, c.metas); (err == nil) != c.ok {
			t.Errorf("%s: %v", name, err)
		}
	}

	actorCol := []colMeta{{spec: 2<<4 | colTypeActor, length: 4}}
	if _, err := checkColumns(actorCol, rle(run{v: 0, n: 1}, run{v: 1, n: 2}), 2); err != nil {
		t.Errorf("known actors refused: %v", err)
	}
	if _, err := checkColumns(actorCol, rle(run{v: 0, n: 1}, run{v: 2, n: 1}), 2); err == nil {
		t.Error("an actor past the list was accepted")
	}
	twice := []colMeta{{spec: colAction, length: 2}, {spec: colAction | colDeflate, length: 0}}
	if _, err := checkColumns(twice, rle(run{v: 1, n: 1}), 1); err == nil {
		t.Error("a column given twice was accepted")
	}
	if _, err := checkColumns([]colMeta{{spec: colAction, length: 1 << 40}}, nil, 1); err == nil {
		t.Error("a column longer than the chunk was accepted")
	}
	if _, err := decodeRLE([]byte{0, 0xff, 0xff, 0xff, 0xff, 0x0f}); err == nil {
		t.Error("a column of billions of nulls was accepted")
	}
}
