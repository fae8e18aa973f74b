// TestCorpus: hand-made texts shared by the tests — distinct banking queries, 12-word sentences with small
// edits, long documents — and a seeded random-text generator.

import Dedup
import Hashing

/// 50 short, topically similar but distinct chat queries; no two may be flagged as near duplicates.
let distinctQueries = [
    "what is my checking balance", "what is my savings balance", "what is my savings interest rate",
    "what is my checking account number", "what is my credit card balance", "what is my credit limit",
    "what is my bank balance", "transfer 100 to savings", "transfer 200 to savings", "transfer 100 to checking",
    "transfer 100 from checking to savings", "transfer 100 from savings to checking", "freeze my card",
    "unfreeze my card", "freeze my debit card", "cancel my credit card", "order a new debit card",
    "report my card as stolen", "report a lost card", "when is my credit card payment due",
    "pay my credit card bill", "pay my electricity bill", "set up a recurring payment",
    "cancel a recurring payment", "show my last five transactions", "show my transactions from last week",
    "dispute a transaction", "why was my card declined", "how do I reset my password", "change my pin",
    "change my address", "update my phone number", "open a new savings account", "close my savings account",
    "what are your opening hours", "where is the nearest atm", "where is the nearest branch",
    "how much can I withdraw per day", "increase my daily withdrawal limit", "what is the exchange rate for euros",
    "send money to a friend", "request money from a friend", "how do I deposit a check",
    "is there a fee for wire transfers", "how long does a wire transfer take", "set up direct deposit",
    "download my monthly statement", "apply for a personal loan", "what is the interest rate on a car loan",
    "talk to a human agent",
]

/// A 12-word sentence and small edits of it, each of which a careful reviewer would call the same query.
struct EditedSentence {
    let original: String
    /// One content word replaced by another.
    let oneWordChanged: String
    /// One pair of adjacent letters swapped.
    let oneTypo: String
    /// Two such typos in different words.
    let twoTypos: String

    /// `original` with "please" appended.
    var withPlease: String { original + " please" }
}

let editedSentences = [
    EditedSentence(
        original: "could you tell me the current balance of my checking account right now",
        oneWordChanged: "could you tell me the latest balance of my checking account right now",
        oneTypo: "could you tell me the current balnace of my checking account right now",
        twoTypos: "could you tell me the currnet balance of my checking cacount right now"),
    EditedSentence(
        original: "i would like to know how much interest my savings account earned last year",
        oneWordChanged: "i would like to know how much interest my savings account earned this year",
        oneTypo: "i woudl like to know how much interest my savings account earned last year",
        twoTypos: "i woudl like to know how umch interest my savings account earned last year"),
    EditedSentence(
        original: "can you check whether my last payment to the electric company went through",
        oneWordChanged: "can you check whether my last payment to the water company went through",
        oneTypo: "can you check whether my last payment to the electric company went throguh",
        twoTypos: "can you hceck whether my alst payment to the electric company went through"),
    EditedSentence(
        original: "my debit card was declined at the grocery store this morning for no reason",
        oneWordChanged: "my debit card was declined at the hardware store this morning for no reason",
        oneTypo: "my debit card was declined at the grocery sotre this morning for no reason",
        twoTypos: "my debit cadr was decilned at the grocery store this morning for no reason"),
    EditedSentence(
        original: "how do i set up a recurring transfer of fifty dollars every friday",
        oneWordChanged: "how do i set up a recurring transfer of twenty dollars every friday",
        oneTypo: "how do i set up a recurring transfer of fitfy dollars every friday",
        twoTypos: "how do i set up a recurirng transfer of fifty dlolars every friday"),
    EditedSentence(
        original: "i need to update the mailing address on my account because i moved",
        oneWordChanged: "i need to update the billing address on my account because i moved",
        oneTypo: "i nede to update the mailing address on my account because i moved",
        twoTypos: "i nede to update the mailing addrses on my account because i moved"),
    EditedSentence(
        original: "what documents do i need to bring to open a joint savings account",
        oneWordChanged: "what documents do i need to bring to open a business savings account",
        oneTypo: "what documents do i need to bring to open a joitn savings account",
        twoTypos: "what documents do i ened to bring to open a joint savings acocunt"),
    EditedSentence(
        original: "is it possible to increase the daily withdrawal limit on my debit card",
        oneWordChanged: "is it possible to increase the weekly withdrawal limit on my debit card",
        oneTypo: "is it possilbe to increase the daily withdrawal limit on my debit card",
        twoTypos: "is it possible to incraese the daily withdrawal limit on my debit acrd"),
    EditedSentence(
        original: "someone made a purchase with my credit card that i do not recognise",
        oneWordChanged: "someone made a purchase with my debit card that i do not recognise",
        oneTypo: "someone made a purchase with my credit crad that i do not recognise",
        twoTypos: "someone amde a purchase with my credit card taht i do not recognise"),
    EditedSentence(
        original: "please explain the difference between the standard and premium checking account fees",
        oneWordChanged: "please explain the difference between the basic and premium checking account fees",
        oneTypo: "please explain the difference between the tsandard and premium checking account fees",
        twoTypos: "please explain the difference between the standard and premuim checking cacount fees"),
]

/// The body of a long pasted support document (about 170 words, eight sentences).
let documentSentences = [
    "I am writing about the mortgage statement I received on the third of this month.",
    "The statement shows an escrow shortage of 412 dollars that I do not understand.",
    "My property tax bill did not change this year and my homeowners insurance premium actually went down.",
    "Last year the escrow analysis showed a small surplus which was refunded to me in March.",
    "Could you please send me a breakdown of every disbursement made from the escrow account since January?",
    "I would also like to know whether the shortage can be spread over twelve months instead of being due at once.",
    "If the analysis was made in error I expect the monthly payment to be corrected before the next due date.",
    "You can reach me at the phone number on file on weekdays after five in the evening.",
]

/// A different long document on a neighbouring topic (same domain vocabulary, different content).
let otherDocument = """
    I am writing about the car loan statement I received last week. The statement shows a late fee of \
    35 dollars even though my automatic payment went out two days before the due date. My checking account \
    history shows the payment was debited on the first of the month. Could you please reverse the late fee \
    and confirm that the payment was applied to the principal? I would also like to know whether the \
    automatic payment date can be moved to the fifth of each month. You can reach me by email on weekdays.
    """

/// Seeded random word sequences over a small vocabulary, for statistical tests.
struct RandomText {
    static let vocabulary = """
        account balance transfer savings checking card credit debit payment loan rate interest fee branch \
        statement deposit withdraw limit money friend bill due monthly weekly online password address phone \
        open close freeze report stolen lost new order recurring dispute charge refund pending cash atm \
        the a my to of for on in is what how why when can please i you your from with
        """.split(separator: " ").map(String.init)

    var random: SeededRandom

    init(seed: UInt64) { random = SeededRandom(seed: seed) }

    /// `count` random vocabulary words.
    mutating func words(_ count: Int) -> [String] {
        (0..<count).map { _ in Self.vocabulary.randomElement(using: &random)! }
    }

    /// `words` with each word independently replaced by a random one with probability `rate`.
    mutating func mutate(_ words: [String], rate: Double) -> [String] {
        words.map { Double.random(in: 0..<1, using: &random) < rate ? Self.vocabulary.randomElement(using: &random)! : $0 }
    }
}

/// Exact Jaccard similarity of the two texts' shingle sets.
func exactJaccard(_ a: String, _ b: String) -> Double {
    let x = Set(Shingler.shingles(ofNormalized: TextNormalizer.normalize(a)))
    let y = Set(Shingler.shingles(ofNormalized: TextNormalizer.normalize(b)))
    return Double(x.intersection(y).count) / Double(x.union(y).count)
}
