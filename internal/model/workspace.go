package model

// Role is a preset role. Roles are checked on every use case (see internal/policy).
type Role string

// Preset roles, most powerful first.
const (
	RoleOwner  Role = "owner"
	RoleAdmin  Role = "admin"
	RoleAgent  Role = "agent"
	RoleViewer Role = "viewer"
)

// Valid reports whether r is one of the preset roles.
func (r Role) Valid() bool {
	switch r {
	case RoleOwner, RoleAdmin, RoleAgent, RoleViewer:
		return true
	}
	return false
}

// Workspace is one organisation: its brands, members, labels and snippets.
type Workspace struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	CreatedAt int64     `json:"createdAt"`
	Brands    []Brand   `json:"brands"`
	Members   []Member  `json:"members"`
	Labels    []Label   `json:"labels"`
	Snippets  []Snippet `json:"snippets"`
	// Quiet holds every member's native notifications and the scheduled sends.
	Quiet QuietHours `json:"quiet"`
}

// Brand is a separately permissioned inbox: an agency's client brand or a salon's location.
type Brand struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Color string `json:"color"`
}

// Member is a teammate.
type Member struct {
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	Handle    string   `json:"handle"` // what follows @ in a mention, lower case, no spaces
	Color     string   `json:"color"`  // avatar colour
	Role      Role     `json:"role"`
	Brands    []string `json:"brands"` // brand IDs; an Owner sees every brand whatever this says
	Skills    []string `json:"skills"`
	Languages []string `json:"languages"`
	Active    bool     `json:"active"`
}

// Label describes threads.
type Label struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Color string `json:"color"`
}

// Snippet is a quick reply.
type Snippet struct {
	ID       string `json:"id"`
	Shortcut string `json:"shortcut"`
	Body     string `json:"body"`
}

// Member returns the member with the given ID.
func (w *Workspace) Member(id string) (Member, bool) {
	for _, m := range w.Members {
		if m.ID == id {
			return m, true
		}
	}
	return Member{}, false
}

// Brand returns the brand with the given ID.
func (w *Workspace) Brand(id string) (Brand, bool) {
	for _, b := range w.Brands {
		if b.ID == id {
			return b, true
		}
	}
	return Brand{}, false
}

// BrandName returns the name of a brand for a sentence, "that location" when it is gone.
func (w *Workspace) BrandName(id string) string {
	if b, ok := w.Brand(id); ok && b.Name != "" {
		return b.Name
	}
	return "that location"
}

// MemberByHandle returns the active member whose handle is h (case-insensitive input is
// expected to be lower-cased by the caller).
func (w *Workspace) MemberByHandle(h string) (Member, bool) {
	for _, m := range w.Members {
		if m.Handle == h && m.Active {
			return m, true
		}
	}
	return Member{}, false
}

// CanAccessBrand reports whether m sees the brand: Owners see all, others their brands.
func (m Member) CanAccessBrand(brandID string) bool {
	if m.Role == RoleOwner {
		return true
	}
	for _, b := range m.Brands {
		if b == brandID {
			return true
		}
	}
	return false
}
