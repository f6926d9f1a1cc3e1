package demo

import "huddle/internal/model"

// The salon. Names are invented; phone numbers are in the UK range Ofcom reserves for drama
// (07700 900000–900999) and emails use example domains, so a demo that ever reached a real
// channel connector could not text or mail a real person.

const (
	salonName  = "Maison Lumière"
	ownerName  = "Camille Laurent"
	riverside  = "Riverside"
	oldTown    = "Old Town"
	phonePrefx = "+44 7700 900"
)

// staff are the members after the Owner; brands are indexes into [riverside, oldTown].
var staff = []struct {
	name   string
	role   model.Role
	brands []int
}{
	{"Priya Shah", model.RoleAdmin, []int{0, 1}},
	{"Léa Moreau", model.RoleAgent, []int{0}},
	{"Marcus Bell", model.RoleAgent, []int{1}},
	{"Nina Kowalski", model.RoleAgent, []int{0, 1}},
	{"Tom Hughes", model.RoleViewer, []int{0, 1}}, // the bookkeeper: reads, never writes
}

var labelNames = []string{"VIP", "Booking", "Complaint", "Follow-up", "Colour", "Price"}

var snippets = [][2]string{
	{"hours", "We're open Tuesday to Saturday, 9am–7pm (Thursdays until 8pm), and Sundays 10am–4pm."},
	{"prices", "Cuts start at £55, colour at £65 and balayage at £165. Final prices depend on length and thickness; a consultation is always free."},
	{"patchtest", "For any colour service we need a quick patch test at least 48 hours before. You can pop in any time we're open — it takes two minutes."},
	{"aftercare", "Wait 72 hours before washing, use a sulphate-free shampoo, and keep the heat down for the first week. Any questions, just message us!"},
	{"deposit", "To hold appointments over two hours we take a £30 deposit, which comes off your bill on the day."},
	{"address", "Riverside: 14 Wharf Lane, next to the bakery. Old Town: 3 Chapel Street, above the bookshop."},
}

var firstNames = []string{
	"Amelia", "Olivia", "Isla", "Ava", "Mia", "Grace", "Sophie", "Chloe", "Emily", "Lucy",
	"Hannah", "Zara", "Aisha", "Maya", "Freya", "Ellie", "Ruby", "Evie", "Poppy", "Daisy",
	"Charlotte", "Harriet", "Imogen", "Jasmine", "Leah", "Megan", "Nadia", "Priyanka", "Rosa",
	"Sara", "Tara", "Yasmin", "Bethany", "Caitlin", "Fatima", "Georgia", "Holly", "Jade", "Keira",
	"Laura", "Niamh", "Orla", "Phoebe", "Rachel", "Siobhan", "Victoria", "Anya", "Beatriz",
	"Elena", "Ines", "Marta", "Noor", "Alice", "Clara", "Eva", "Lily", "James", "Oliver",
	"Daniel", "Samuel", "Ethan", "Leo", "Noah", "Arjun", "Tomás", "Kwame", "Rory", "Felix",
}

var lastNames = []string{
	"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel",
	"Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall",
	"Wood", "Jackson", "Clarke", "Khan", "Lewis", "Harris", "Martin", "Cooper", "King", "Lee",
	"Baker", "Morgan", "Hughes", "Edwards", "Turner", "Hill", "Moore", "Ward", "Campbell",
	"Kaur", "Ahmed", "Murphy", "O'Brien", "Kelly", "Nowak", "Silva", "Rossi", "Costa",
	"Okafor", "Mensah", "Begum", "Ali", "Fraser", "Reid", "Bennett", "Carter", "Price",
	"Fletcher", "Gallagher", "Hussain", "Lambert", "Marsh",
}

var emailDomains = []string{"example.com", "example.org", "example.net", "mail.example.com"}

var organisations = []struct {
	name     string
	contacts []string
	tags     []string
}{
	{"Bloom Bridal Co.", []string{"Harriet Lane", "Sophie Grant", "Mia Osei"}, []string{"bridal", "business"}},
	{"Harbour Hotel Spa", []string{"Daniel Reyes", "Claire Dunn"}, []string{"business", "partner"}},
	{"Studio Nord Photography", []string{"Ingrid Berg", "Leo Marsh"}, []string{"business", "shoots"}},
	{"Ainsley & Co Events", []string{"Rebecca Ainsley", "Tom Ainsley", "Priti Rao"}, []string{"business", "events"}},
	{"Riverside Dance Academy", []string{"Natalie Cole", "Georgia Finch"}, []string{"business", "shows"}},
	{"The Gallery Café", []string{"Marco Bellini", "Ana Duarte"}, []string{"business"}},
	{"Westbrook School Drama Dept", []string{"Helen Price", "Sam Ocampo"}, []string{"business", "shows"}},
	{"Lumen Theatre Company", []string{"Jonah Wilde", "Esme Clarke", "Kit Moreno"}, []string{"business", "shows"}},
}

var clientTags = []string{"regular", "new-client", "colour", "balayage", "curly-hair",
	"sensitive-scalp", "student", "keratin", "patch-test-done", "loyalty-card", "blonde", "short-hair"}

var services = []struct {
	name  string
	price int
}{
	{"cut and blow-dry", 55}, {"balayage", 165}, {"full head highlights", 140}, {"root colour", 65},
	{"gloss toner", 35}, {"keratin smoothing", 180}, {"men's cut", 32}, {"curly cut", 70},
	{"blow-dry", 35}, {"colour correction", 220}, {"fringe trim", 10}, {"half head highlights", 95},
}

var colours = []string{"copper", "ash blonde", "caramel balayage", "platinum", "chocolate brown",
	"rose gold", "honey blonde", "dark cherry", "mushroom brown", "icy blonde"}

var days = []string{"Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
	"tomorrow", "this Friday", "next Tuesday", "next Saturday"}

var times = []string{"9:30", "10:00", "10:45", "11:15", "12:30", "1:00", "2:30", "3:15", "4:00", "5:45"}

var taskChores = []string{"Order more Olaplex No.3", "Restock the retail shelf",
	"Book the boiler service at Old Town", "Update the price list on Instagram",
	"Count the float for Saturday", "Print new loyalty cards", "Send the rota for next month",
	"Check the towel delivery", "Reply to the Google reviews", "Fix the door buzzer at Old Town"}
