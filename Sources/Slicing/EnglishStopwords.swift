// EnglishStopwords: English function words (plus a few chat fillers) that never make a good slice label.

/// English stopwords, lowercase, split as `TextNormalisation.words` splits (so contractions appear as their
/// pieces: "don", "t", "ll", "ve").
public enum EnglishStopwords {
    /// The list.
    public static let words: Set<String> = [
        "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "aren",
        "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can",
        "cannot", "could", "couldn", "d", "did", "didn", "do", "does", "doesn", "doing", "don", "down", "during",
        "each", "else", "etc", "even", "ever", "every", "few", "for", "from", "further", "get", "got", "had",
        "hadn", "has", "hasn", "have", "haven", "having", "he", "her", "here", "hers", "herself", "him", "himself",
        "his", "how", "however", "i", "if", "in", "into", "is", "isn", "it", "its", "itself", "just", "let", "ll",
        "m", "may", "me", "might", "more", "most", "much", "must", "mustn", "my", "myself", "need", "no", "nor",
        "not", "now", "o", "of", "off", "on", "once", "one", "only", "or", "other", "our", "ours", "ourselves",
        "out", "over", "own", "please", "re", "really", "s", "same", "shall", "she", "should", "shouldn", "so",
        "some", "such", "t", "than", "thank", "thanks", "that", "the", "their", "theirs", "them", "themselves",
        "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "us",
        "ve", "very", "via", "want", "was", "wasn", "we", "were", "weren", "what", "when", "where", "which",
        "while", "who", "whom", "whose", "why", "will", "with", "within", "without", "won", "would", "wouldn",
        "y", "yes", "yet", "you", "your", "yours", "yourself", "yourselves",
    ]
}
