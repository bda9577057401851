"""The chat-style assistant: understands a young person's question, answers from the
information base and the guide, and offers the next step (chat, booking, forum)."""
