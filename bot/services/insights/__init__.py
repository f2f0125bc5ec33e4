"""Programme insight: anonymous facts written as chats happen, and the figures read from them."""
