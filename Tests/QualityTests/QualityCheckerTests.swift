// QualityCheckerTests: each built-in check fires on the answers it names and stays quiet on near misses (a
// refusal phrase late in a long answer, JSON asked for and given, a fast answer, a tool call instead of text).

import Exchange
import Quality
import Testing

private func answer(_ text: String, status: Int? = 200, finish: String? = "stop") -> Interaction {
    var i = Interaction(id: "t", api: .openAIChat)
    i.input = "What is my balance?"
    i.output = text
    i.status = status
    i.finishReason = finish
    i.latency = 1.2
    return i
}

private let checker = QualityChecker(settings: QualitySettings())

@Test func aGoodAnswerPassesEveryCheck() {
    #expect(checker.check(answer("Your balance is $42.")).passed)
}

@Test func errorsAndMissingResponsesFailTheErrorCheckOnly() {
    #expect(checker.check(answer("", status: 500)).checks == [.error])
    #expect(checker.check(answer("", status: nil)).checks == [.error])
    var i = answer("partial")
    i.error = APIError(type: "overloaded_error", message: "busy")
    #expect(checker.check(i).checks == [.error])
}

@Test func emptyAnswersFailUnlessTheModelCalledATool() {
    #expect(checker.check(answer("  \n")).checks == [.empty])
    var tool = answer("")
    tool.toolCalls = [ToolCall(name: "get_balance", argumentsValid: true)]
    #expect(checker.check(tool).passed)
    tool.toolCalls = [ToolCall(name: "get_balance", argumentsValid: false)]
    #expect(checker.check(tool).checks == [.toolArguments])
}

@Test func refusalsByFieldStopReasonOrOpeningPhrase() {
    #expect(checker.check(answer("I'm sorry, I can't help with that.")).checks == [.refusal])
    #expect(checker.check(answer("I’M SORRY, I CAN’T do that")).checks == [.refusal])  // typographic apostrophes
    var field = answer("")
    field.refusal = "I cannot help with this request."
    #expect(checker.check(field).checks == [.refusal])  // a refusal is not also "empty"
    #expect(checker.check(answer("", finish: "content_filter")).checks == [.refusal])
    // A near miss: the phrase deep inside a long, helpful answer.
    let long = String(repeating: "Here is how to reset the router step by step. ", count: 6) + "I can't help with that part, though."
    #expect(checker.check(answer(long)).passed)
    // Configured phrases replace the defaults.
    var settings = QualitySettings()
    settings.refusalPhrases = ["computer says no"]
    let custom = QualityChecker(settings: settings)
    #expect(custom.check(answer("Computer says no.")).checks == [.refusal])
    #expect(custom.check(answer("I'm sorry, I can't help with that.")).passed)
}

@Test func configuredPhrasesWithNonASCIICharactersMatch() {
    var settings = QualitySettings()
    settings.refusalPhrases = ["Je ne peux pas vous aider, désolé", "I’m unable", "No puedo ayudarte con eso", "抱歉"]
    let custom = QualityChecker(settings: settings)
    #expect(custom.check(answer("Je ne peux pas vous aider, désolé.")).checks == [.refusal])
    #expect(custom.check(answer("I'm unable to do that.")).checks == [.refusal])  // curly in the phrase, straight here
    #expect(custom.check(answer("I’m unable to do that.")).checks == [.refusal])
    #expect(custom.check(answer("no puedo ayudarte con eso")).checks == [.refusal])
    #expect(custom.check(answer("抱歉，我不能帮你。")).checks == [.refusal])
    #expect(custom.check(answer("Je ne peux pas vous aider, desole.")).passed)  // accents are not folded
    #expect(custom.check(answer("I am glad to help.")).passed)
}

@Test func truncationByFinishOrStopReason() {
    #expect(checker.check(answer("The first three steps are", finish: "length")).checks == [.truncated])
    #expect(checker.check(answer("The first", finish: "max_tokens")).checks == [.truncated])
    #expect(checker.check(answer("The first", finish: "incomplete:max_output_tokens")).checks == [.truncated])
    #expect(checker.check(answer("Done.", finish: "end_turn")).passed)
}

@Test func invalidJSONOnlyWhenJSONWasAskedFor() {
    var i = answer("{\"balance\": 42")
    #expect(checker.check(i).passed)  // plain text asked: anything goes
    i.parameters.responseFormat = "json_object"
    #expect(checker.check(i).checks == [.invalidJSON])
    i.output = "{\"balance\": 42}"
    #expect(checker.check(i).passed)
    i.parameters.responseFormat = "json_schema"
    i.output = "Sure! {\"balance\": 42}"
    #expect(checker.check(i).checks == [.invalidJSON])
}

@Test func latencyObjectiveIsConfigurableAndCanBeOff() {
    var slow = answer("fine")
    slow.latency = 31
    #expect(checker.check(slow).checks == [.latency])
    var settings = QualitySettings()
    settings.latencyObjective = nil
    #expect(QualityChecker(settings: settings).check(slow).passed)
    settings.latencyObjective = 0.5
    #expect(QualityChecker(settings: settings).check(answer("fine")).checks == [.latency])
}

@Test func checkFailuresRoundTripThroughBits() {
    var f = CheckFailures()
    for c in QualityCheck.allCases { f.insert(c) }
    #expect(f.checks == QualityCheck.allCases)
    #expect(CheckFailures([.empty, .latency]).checks == [.empty, .latency])
    #expect(QualityCheck.allCases.map(\.rawValue) == ["error", "empty", "refusal", "truncated", "invalid_json", "tool_arguments", "latency"])
}
