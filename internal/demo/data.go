package demo

// The demo records. Numbers use the 555-01xx range, reserved for fiction.
// None is +14155550100: that is the sandbox's first stock number, which the
// demo buys as the org's own line (a record must be callable from it).

var accountRows = []struct{ name, street, city, region, postal, phone string }{
	{"Marcom", "400 Pine Street", "San Francisco", "CA", "94105", "+1 415 555 0140"},
	{"Northwind Traders", "12 Harbor Way", "Seattle", "WA", "98101", "+1 206 555 0110"},
	{"Globex", "1 Globex Plaza", "Springfield", "OR", "97477", "+1 541 555 0120"},
	{"Initech", "4120 Freidrich Lane", "Austin", "TX", "78744", "+1 512 555 0130"},
	{"Umbrella Health", "88 Raccoon Ave", "Denver", "CO", "80202", "+1 303 555 0140"},
	{"Stark Logistics", "200 Park Avenue", "New York", "NY", "10166", "+1 212 555 0150"},
	{"Wayne Foods", "1007 Mountain Drive", "Chicago", "IL", "60601", "+1 312 555 0160"},
	{"Acme Hardware", "77 Coyote Road", "Phoenix", "AZ", "85004", "+1 602 555 0170"},
}

type contactRow struct {
	first, last, company, title, email, street, city, region string
	phones                                                   []string
}

var contactRows = []contactRow{
	{"Margaret", "Smith", "Marcom", "VP Sales", "margaret.smith@marcom.example", "", "San Francisco", "CA", []string{"+1 415 555 0101"}},
	{"Mark", "Jones", "Globex", "Purchasing Manager", "mark.jones@globex.example", "", "Springfield", "OR", []string{"+1 541 555 0121"}},
	{"Simon", "Martin", "Northwind Traders", "Operations Lead", "simon.martin@northwind.example", "", "Seattle", "WA", []string{"+1 206 555 0111", "+1 206 555 0112"}},
	{"Priya", "Patel", "Initech", "CTO", "priya.patel@initech.example", "14 Martin Road", "Austin", "TX", []string{"+1 512 555 0131"}},
	{"James", "Okafor", "Umbrella Health", "Office Manager", "james.okafor@umbrella.example", "", "Denver", "CO", []string{"+1 303 555 0141"}},
	{"Lucia", "Fernandez", "Stark Logistics", "Head of Procurement", "lucia.fernandez@stark.example", "", "New York", "NY", []string{"+1 212 555 0151", "+1 917 555 0152"}},
	{"Tom", "Becker", "Wayne Foods", "Buyer", "tom.becker@waynefoods.example", "", "Chicago", "IL", []string{"+1 312 555 0161"}},
	{"Hannah", "Kim", "Acme Hardware", "Store Director", "hannah.kim@acme.example", "", "Phoenix", "AZ", []string{"+1 602 555 0171"}},
	{"Oliver", "Brown", "Initech", "Account Executive", "oliver.brown@initech.example", "", "Austin", "TX", []string{"+1 415 555 0102"}},
	{"Sofia", "Rossi", "Globex", "Finance Director", "sofia.rossi@globex.example", "", "Springfield", "OR", []string{"+1 541 555 0122"}},
	{"Daniel", "Nguyen", "Northwind Traders", "Warehouse Supervisor", "daniel.nguyen@northwind.example", "", "Seattle", "WA", []string{"+1 206 555 0113"}},
	{"Emma", "Wilson", "Initech", "HR Partner", "emma.wilson@initech.example", "", "Austin", "TX", []string{"+1 512 555 0132"}},
	{"Noah", "Garcia", "Umbrella Health", "Clinic Administrator", "noah.garcia@umbrella.example", "", "Denver", "CO", []string{"+1 303 555 0142"}},
	{"Chloe", "Dubois", "Stark Logistics", "Fleet Manager", "chloe.dubois@stark.example", "", "New York", "NY", []string{"+1 212 555 0153"}},
	{"Ethan", "Miller", "Wayne Foods", "Category Manager", "ethan.miller@waynefoods.example", "", "Chicago", "IL", []string{"+1 312 555 0162"}},
	{"Grace", "Lee", "Acme Hardware", "Regional Manager", "grace.lee@acme.example", "", "Phoenix", "AZ", []string{"+1 602 555 0172"}},
	{"Lucas", "Silva", "", "Consultant", "lucas.silva@mail.example", "", "Miami", "FL", []string{"+1 305 555 0181"}},
	{"Ava", "Johnson", "", "Freelance Designer", "ava.johnson@mail.example", "", "Portland", "OR", []string{"+1 503 555 0182"}},
	{"Mia", "Schneider", "", "Architect", "mia.schneider@mail.example", "", "Boston", "MA", []string{"+1 617 555 0183"}},
	{"Leo", "Andersen", "", "Photographer", "leo.andersen@mail.example", "", "Minneapolis", "MN", []string{"+1 612 555 0184"}},
	{"Zoe", "Taylor", "", "Student", "zoe.taylor@mail.example", "", "Atlanta", "GA", []string{"+1 404 555 0185"}},
	{"Isabel", "Costa", "", "Translator", "isabel.costa@mail.example", "", "San Diego", "CA", []string{"+1 619 555 0187"}},
	{"Felix", "Wagner", "", "Engineer", "felix.wagner@mail.example", "", "Denver", "CO", []string{"+1 720 555 0188"}},
	{"Nora", "Haddad", "", "Teacher", "nora.haddad@mail.example", "", "Detroit", "MI", []string{"+1 313 555 0178"}},
	{"Victor", "Hughes", "", "Retired", "victor.hughes@mail.example", "", "Tampa", "FL", []string{"+1 813 555 0179"}},
	{"Ryan", "O'Connor", "", "Contractor", "ryan.oconnor@mail.example", "", "Philadelphia", "PA", []string{"+1 215 555 0186"}},
}

var leadRows = []struct {
	first, last, company, title, email, status string
	phones                                     []string
}{
	{"Elena", "Lopez", "Sunrise Bakery", "Owner", "elena@sunrisebakery.example", "new", []string{"+1 415 555 0191"}},
	{"Kevin", "Walsh", "Walsh Plumbing", "Owner", "kevin@walshplumbing.example", "contacted", []string{"+1 617 555 0192"}},
	{"Aisha", "Rahman", "Bright Dental", "Practice Manager", "aisha@brightdental.example", "qualified", []string{"+1 212 555 0193"}},
	{"Peter", "Novak", "Novak Motors", "Sales Director", "peter@novakmotors.example", "new", []string{"+1 312 555 0194"}},
	{"Yuki", "Tanaka", "Sakura Tea House", "Manager", "yuki@sakuratea.example", "contacted", []string{"+1 206 555 0195"}},
	{"Carlos", "Mendes", "Mendes Imports", "Founder", "carlos@mendesimports.example", "unqualified", []string{"+1 305 555 0196"}},
	{"Ingrid", "Olsen", "Fjord Outdoor", "Buyer", "ingrid@fjordoutdoor.example", "new", []string{"+1 612 555 0197"}},
	{"Samuel", "Adeyemi", "Lagos Kitchen", "Chef-Owner", "samuel@lagoskitchen.example", "qualified", []string{"+1 404 555 0198"}},
	{"Kasia", "Kowalski", "Kowalski Design", "Principal", "kasia@kowalskidesign.example", "new", []string{"+1 503 555 0199"}},
	{"Karim", "Haddad", "Cedar Travel", "Agency Lead", "karim@cedartravel.example", "contacted", []string{"+1 602 555 0189"}},
}

var dealRows = []struct {
	name, account, contact, stage string
	amount                        int64
	closeInDays                   int
}{
	{"Phone system rollout", "Marcom", "Margaret Smith", "proposal", 4800000, 30},
	{"Globex annual licence", "Globex", "Mark Jones", "negotiation", 1250000, 14},
	{"Northwind call centre", "Northwind Traders", "Simon Martin", "qualification", 3200000, 60},
	{"Initech support renewal", "Initech", "Priya Patel", "won", 900000, -10},
	{"Umbrella clinics pilot", "Umbrella Health", "James Okafor", "proposal", 1500000, 45},
	{"Stark fleet dispatch", "Stark Logistics", "Lucia Fernandez", "qualification", 6400000, 90},
	{"Wayne Foods store line", "Wayne Foods", "Tom Becker", "lost", 700000, -20},
	{"Acme hotline", "Acme Hardware", "Hannah Kim", "negotiation", 1100000, 21},
}

var noteRows = []struct {
	contact, body string
	user          int
}{
	{"Simon Martin", "Asked for a demo of the IVR with their two warehouses.", 1},
	{"Simon Martin", "Prefers calls on the work number before 10am.", 2},
	{"Margaret Smith", "Budget approved for Q1; send the proposal by Friday.", 0},
	{"Mark Jones", "Wants volume pricing for 40 seats.", 1},
}

func days(n int) *int { return &n }

var taskRows = []struct {
	title, contact string
	dueInDays      *int
	user           int
}{
	{"Call Simon about the demo date", "Simon Martin", days(0), 1},
	{"Send proposal to Margaret", "Margaret Smith", days(-2), 0},
	{"Follow up on volume pricing", "Mark Jones", days(3), 1},
	{"Check in after renewal", "Priya Patel", days(-5), 2},
	{"Book onsite visit", "Lucia Fernandez", days(7), 2},
	{"Update contact details", "Tom Becker", nil, 0},
}
