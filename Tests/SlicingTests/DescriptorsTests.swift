// DescriptorsTests: descriptors on a table of inputs — scripts, language, code, URLs, questions, instructions.

import Slicing
import Testing

@Test(arguments: [
    ("Hello world", Script.latin),
    ("Привет мир", .cyrillic),
    ("こんにちは世界", .cjk),
    ("你好，世界", .cjk),
    ("مرحبا", .arabic),
    ("שלום עולם", .hebrew),
    ("Γειά σου κόσμε", .greek),
    ("안녕하세요 세계", .hangul),
    ("नमस्ते दुनिया", .devanagari),
    ("สวัสดีชาวโลก", .thai),
    ("Hello Привет мир world", .mixed),
    ("Привет, как настроить Docker?", .cyrillic),  // 18 of 24 letters: above the 70% threshold
    ("Как настроить Docker Compose?", .mixed),  // 13 of 25
    ("Объясни, как работает мой API", .cyrillic),
    ("12345 !!! ???", .other),
    ("", .other),
    ("ሰላም ልዑል", .other),
])
func scriptGuess(_ text: String, _ expected: Script) {
    #expect(Descriptors(text: text).script == expected)
}

@Test(arguments: [
    ("How do I reset my password for this account?", LanguageGuess.en),
    ("¿Cómo puedo cambiar la contraseña de mi cuenta?", .es),
    ("Comment est-ce que je peux changer le mot de passe de mon compte ?", .fr),
    ("Wie kann ich das Passwort für mein Konto ändern?", .de),
    ("Como eu posso mudar a senha da minha conta?", .pt),
    ("Come posso cambiare la password del mio account? Non funziona", .it),
    ("Hello", .other),
    ("Kubernetes Terraform Ansible", .other),
])
func languageGuess(_ text: String, _ expected: LanguageGuess) {
    #expect(Descriptors(text: text).language == expected)
}

@Test func languageIsNilOutsideLatin() {
    #expect(Descriptors(text: "Привет мир, как дела?").language == nil)
}

@Test(arguments: [
    ("```swift\nlet x = 1\n```", true),
    ("def add(a, b):\n    return a + b", true),
    ("const f = function(x) { return x * 2; };\nconsole.log(f(2));", true),
    ("import numpy as np\nx = np.zeros((3, 3))", true),
    ("#include <stdio.h>\nint main() { printf(\"hi\"); }", true),
    ("if (a == b) { x[i] = y; }", true),
    ("SELECT name FROM users WHERE id = 3;\n", true),
    ("What does this function return when the list is empty?", false),
    ("Please return the book to the library by Friday.", false),
    ("It's important to import goods legally (see section 3).", false),
    ("Convert 3 cups to millilitres.", false),
    ("", false),
])
func codeDetection(_ text: String, _ expected: Bool) {
    #expect(Descriptors(text: text).containsCode == expected)
}

@Test(arguments: [
    ("See https://example.com/docs for details", true),
    ("http://localhost:8080/health", true),
    ("Visit WWW.Example.org", true),
    ("ftp://files.example.net/a.zip", true),
    ("Use the example dot com domain", false),
    ("The https protocol is secure", false),
])
func urlDetection(_ text: String, _ expected: Bool) {
    #expect(Descriptors(text: text).containsURL == expected)
}

@Test(arguments: [
    ("How do I reset my password", true, false),
    ("Is it going to rain tomorrow", true, false),
    ("My order hasn't arrived yet?", true, false),
    ("Can you help me? ", true, false),
    ("你好吗？", true, false),
    ("هل أنت بخير؟", true, false),
    ("¿Dónde está la estación", true, false),
    ("Write a haiku about autumn.", false, true),
    ("Please summarise this article", false, true),
    ("Translate \"hello\" into French", false, true),
    ("summarize: the meeting notes below", false, true),
    ("Explain why the sky is blue?", true, true),
    ("The weather is nice today.", false, false),
    ("", false, false),
])
func questionAndInstruction(_ text: String, _ question: Bool, _ instruction: Bool) {
    let d = Descriptors(text: text)
    #expect(d.isQuestion == question)
    #expect(d.isInstruction == instruction)
}

@Test(arguments: [
    ("Hello, world!", 1, 13, 2),
    ("こんにちは世界", 3, 7, 7),
    ("Привет мир", 2, 10, 2),
    ("👩‍💻 codes", 1, 7, 1),
    ("", 1, 0, 0),
])
func counts(_ text: String, _ turns: Int, _ characters: Int, _ words: Int) {
    let d = Descriptors(text: text, turns: turns)
    #expect(d.characters == characters)
    #expect(d.words == words)
    #expect(d.turns == turns)
}
