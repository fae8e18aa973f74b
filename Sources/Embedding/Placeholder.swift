// Embedding: placeholder until its first type lands.
