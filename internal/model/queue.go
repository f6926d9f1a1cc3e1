package model

// QueueQuery asks the store for the workload counts of the team queue. The store answers
// from index sizes, view counters and bounded key scans; it never reads a row.
type QueueQuery struct {
	Member  string   `json:"member"`  // whose Unassigned view the queue size is
	Members []string `json:"members"` // whose load to count, in this order
	Brands  []string `json:"brands"`  // which brands to total, in this order
	Now     int64    `json:"now"`     // unix ms: open tasks due before it are overdue
}

// Queue is the team's workload at one moment, all of it read in one store transaction.
type Queue struct {
	Members []MemberLoad `json:"members"`
	// Unassigned is the asking member's Unassigned view: open threads nobody holds, in the
	// brands they see (the Owner: all), and how many of those they have not read.
	Unassigned Count       `json:"unassigned"`
	Brands     []BrandLoad `json:"brands"`
}

// MemberLoad is what one teammate holds.
type MemberLoad struct {
	MemberID string `json:"memberId"`
	// Assignable is false for those who may not be given work (Viewers); they hold none and
	// do not count towards the team's average.
	Assignable bool `json:"assignable"`
	Open       int  `json:"open"`    // open threads assigned to them, in every brand
	Unread     int  `json:"unread"`  // of those, the ones with activity they have not read
	Overdue    int  `json:"overdue"` // open tasks assigned to them whose due time has passed
	// OverdueMore says the count of overdue tasks stopped at the store's scan limit: there
	// are at least Overdue of them.
	OverdueMore bool `json:"overdueMore"`
}

// BrandLoad is one brand's open threads and how many of them nobody holds.
type BrandLoad struct {
	BrandID    string `json:"brandId"`
	Open       int    `json:"open"`
	Unassigned int    `json:"unassigned"`
	// UnassignedMore says the count of unassigned threads stopped at the store's scan
	// limit: there are at least Unassigned of them.
	UnassignedMore bool `json:"unassignedMore"`
}
