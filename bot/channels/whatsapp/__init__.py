"""WhatsApp Cloud API: the signed webhook and the Graph API deliverer."""
