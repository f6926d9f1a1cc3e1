package demo

// A topic is a salon conversation: who says what, in order. 'c' is the client, 's' a reply by
// the staff member handling it, 'n' an internal note that @mentions a teammate. Each line has
// variants; placeholders are filled per thread ({first}, {stylist}, {mention}, {service},
// {price}, {colour}, {day}, {day2}, {time}, {time2}, {brand}).
type topic struct {
	name     string
	label    string   // label put on the thread, "" for none
	subjects []string // for email and call threads
	lines    []line
	task     string // task title when this conversation leaves a to-do, "" for none
	weight   int
}

type line struct {
	who      byte
	variants []string
}

func c(v ...string) line { return line{'c', v} }
func s(v ...string) line { return line{'s', v} }
func n(v ...string) line { return line{'n', v} }

var topics = []topic{
	{name: "booking", label: "Booking", weight: 22, subjects: []string{"Booking request", "Appointment", "Can I book in?"},
		lines: []line{
			c("Hi! Could I book a {service} with {stylist} on {day}?", "Hello, do you have anything for a {service} {day}? Ideally with {stylist}", "Hiya, is there space for a {service} {day} afternoon?"),
			s("Hi {first}! {stylist} has {time} free on {day}. Shall I pop you in?", "Hi {first}, we can do {day} at {time} with {stylist}. Does that work?"),
			c("Perfect, yes please!", "Lovely, that works 😊", "Great, see you then"),
			s("You're booked for a {service} on {day} at {time}. See you then!", "All booked, {first} — {service}, {day}, {time}. We'll text a reminder the day before."),
		}},
	{name: "reschedule", label: "Booking", weight: 14, subjects: []string{"Moving my appointment", "Reschedule please"},
		lines: []line{
			c("Hi, something's come up — can I move my {day} appointment?", "So sorry, I need to change my booking on {day}. Any chance of later in the week?"),
			s("No problem, {first}! We have {day2} at {time} or {time2}. Which suits?", "Of course. {stylist} could do {day2} at {time2} — would that be OK?"),
			c("{time2} please", "{day2} is great, thank you!", "Thanks so much, that's perfect"),
			s("Done — you're now on {day2} at {time2}.", "All moved. See you {day2}!"),
		}},
	{name: "colour", label: "Colour", weight: 12, task: "Patch test for {first} before {day}",
		subjects: []string{"Colour consultation", "Going {colour}?"},
		lines: []line{
			c("I'm thinking of going {colour}. Would I need a consultation first?", "Hi! I'd love to try {colour} — is that doable from my current colour?"),
			n("{mention} this one's a {colour} from box dye, can you take the consult?", "{mention} colour consult, she mentioned a sensitive scalp last time"),
			s("Great choice! For {colour} we do a free 15-minute consultation and a patch test 48 hours before. Could you come in {day}?", "We'd love to! {stylist} will want a quick consultation and a patch test first — are you free {day} at {time}?"),
			c("Yes, {day} works. Do I need to bring anything?", "{day} is good. Should I come with clean or unwashed hair?"),
			s("Just photos of looks you love, and come with dry, unwashed hair. Booked you with {stylist}.", "Second-day hair is ideal. You're booked with {stylist} — can't wait!"),
		}},
	{name: "complaint", label: "Complaint", weight: 7, task: "Call {first} about the redo",
		subjects: []string{"Not happy with my colour", "Feedback about my visit"},
		lines: []line{
			c("Hi, I had my colour done last week and it's already looking brassy. Not happy tbh.", "My fringe was cut much shorter than I asked for. I'm really upset.", "I waited 40 minutes past my appointment time on Saturday and nobody apologised."),
			n("{mention} she's a regular — can we offer a free toner?", "{mention} can you call her today? I think a redo on the house is right", "{mention} heads up, she's left a Google review too"),
			s("I'm so sorry, {first}. We'd like to put it right: could you come in {day} for a complimentary fix with {stylist}?", "{first}, I'm really sorry about this. {stylist} would like to see you {day} at {time}, on us."),
			c("Ok, thank you, that would be good.", "Thanks for sorting it so quickly.", "Fine, I'll come in. Thanks."),
			s("Thank you for telling us. See you {day}.", "Booked. Thanks for giving us the chance to fix it."),
		}},
	{name: "prices", label: "Price", weight: 10, subjects: []string{"Price enquiry", "How much for {service}?"},
		lines: []line{
			c("How much is a {service}?", "Hi, what would a {service} cost for shoulder-length hair?", "Quick question — price for {service}?"),
			s("A {service} starts at £{price}; the final price depends on length and thickness. Want me to book a free consultation?", "Hi {first}! From £{price}, and {stylist} can give you an exact price at a free consultation."),
			c("Thanks, I'll have a think.", "Great, can I come {day} for the consultation?", "Ok thank you!"),
		}},
	{name: "cancel", label: "Booking", weight: 6, subjects: []string{"Cancelling", "Can't make it"},
		lines: []line{
			c("I need to cancel tomorrow, sorry, I'm unwell", "Really sorry but I have to cancel {day}, work emergency"),
			s("Sorry to hear that, {first} — cancelled, no charge. Feel better soon!", "No problem at all, it's cancelled. Message us when you'd like to rebook."),
		}},
	{name: "late", weight: 6, subjects: []string{"Running late"},
		lines: []line{
			c("Running 10 mins late, so sorry!", "Stuck in traffic, be there in 15!", "Bus is late, I'm on my way"),
			s("No worries, see you soon!", "That's fine, {stylist} will wait for you 😊"),
		}},
	{name: "voucher", weight: 5, subjects: []string{"Gift voucher"},
		lines: []line{
			c("Do you sell gift vouchers?", "Can I buy a voucher for my mum's birthday?"),
			s("We do! Any amount from £25, digital or a printed card. Who's it for?", "Of course — any amount from £25. Would you like it emailed or printed?"),
			c("My sister's birthday, £75 please", "Emailed please, £50", "Printed card, £100 — I'll collect {day}"),
			s("Lovely — it's on its way to your inbox today.", "All done, {first}. Thank you!"),
		}},
	{name: "bridal", label: "VIP", weight: 4, task: "Send the bridal trial quote to {first}",
		subjects: []string{"Bridal hair", "Wedding party enquiry"},
		lines: []line{
			c("I'm getting married in June — do you do bridal hair? There'd be four of us.", "Hi, do you do hair for a wedding party? Me plus three bridesmaids."),
			n("{mention} bridal party of 4, can you cost it up?", "{mention} wedding enquiry, she'd like a trial {day}"),
			s("Congratulations! We do — a trial is £{price}, and we can come to you on the day. When is the wedding?", "Congratulations, {first}! {stylist} does our bridal work. A trial is £{price}; shall we book one?"),
			c("That sounds perfect. Could we do the trial {day}?", "Amazing, yes please to a trial!"),
			s("Booked your trial for {day} at {time}. We'll send the full quote by email.", "Trial booked with {stylist}, {day} at {time}. Quote to follow!"),
		}},
	{name: "product", weight: 5, subjects: []string{"Which products?"},
		lines: []line{
			c("Which shampoo did {stylist} use on me? My hair felt amazing", "What was the serum you used on my ends?"),
			s("That was the Olaplex No.4 — we have it in stock at £28.", "It's the Kérastase oil, £42 — we can put one aside for you."),
			c("Great, can you save me one?", "Thank you!"),
		}},
	{name: "hours", weight: 4, subjects: []string{"Opening hours"},
		lines: []line{
			c("Are you open on the bank holiday Monday?", "What time do you close on Thursdays?", "Are you open Sundays?"),
			s("We're open 10–4 on bank holiday Monday.", "Thursdays we're open until 8pm!", "Yes, Sundays 10am–4pm at both salons."),
		}},
	{name: "thanks", weight: 5, subjects: []string{"Thank you!"},
		lines: []line{
			c("Just wanted to say thank you to {stylist}, I love my hair!", "Obsessed with my {colour}, thank you so much!!", "Best haircut I've had in years, thank you"),
			s("Thank you so much, {first}! We'll pass it on 💛", "That's made our day! See you next time."),
		}},
}
