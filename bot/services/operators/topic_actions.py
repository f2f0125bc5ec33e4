"""What an operator writes in a hand-off's topic, done through the console's own desk.

Only a member whose Telegram user id is linked to an active operator's (or admin's) account
(`users link-telegram`) acts; anyone else, and anything outside a hand-off's topic, is left
alone: no answer, nothing stored. `/claim`, `/close OUTCOME` and `/note TEXT` are the desk's
claim, close and note, audited as in the console; any other line is a reply to the person.
"""

from __future__ import annotations

from bot.services.operators import topic_text
from bot.services.operators.escalation import OUTCOMES
from bot.services.operators.topics import GroupMessage, TopicRoom
from bot.services.operators.view import DeskError
from bot.services.staff import Staff
from bot.storage import handoffs, staff
from bot.storage.topics import SqlTopics, Topic

OPERATOR_ROLES = ("operator", "admin")  # those the desk lets take a chat
# The desk's refusals, as the topic words them (others: the text was empty or too long).
REFUSALS = {"not_yours": "not_yours", "gone": "gone", "window_closed": "window_closed"}


async def receive(room: TopicRoom, message: GroupMessage) -> None:
    """Act on one line written in the operators' group, if a linked operator wrote it in a
    hand-off's topic."""
    if room.port is None or message.chat_id != room.chat_id or message.thread_id is None:
        return
    async with room.db.transaction() as session:
        topic = await SqlTopics(session).by_thread(
            chat_id=message.chat_id, thread_id=message.thread_id
        )
        user = await staff.by_telegram(session, telegram_user_id=message.user_id)
        if topic is None or user is None or not user.active or user.role not in OPERATOR_ROLES:
            return
        who = Staff(user.id, user.username, user.role, user.presence, "", "")
    answer = await _act(room, topic, who, topic_text.parse_command(message.text))
    if answer:
        await room.say(topic, answer)


async def _act(room: TopicRoom, topic: Topic, who: Staff, command: topic_text.Command) -> str:
    """Do the command; the words to answer with in the topic ("" for none)."""
    content = room.content()
    lang = content.languages.staff

    def say(key: str, **values: object) -> str:
        return content.text(f"topic_{key}", lang, **values)

    try:
        if command.name == "claim":
            await room.desk.claim(topic.handoff_id, who)
            return ""  # the room tells the topic, as when it is taken in the console
        if command.name == "close":
            outcome = command.argument.lower()
            if outcome not in OUTCOMES:
                return say("bad_outcome", outcomes=", ".join(OUTCOMES))
            await room.desk.close(topic.handoff_id, who, outcome)
            await _close_topic(room, topic)
            return ""  # told by the room, as a close in the console is
        if command.name == "note":
            await room.desk.note(topic.handoff_id, who, command.argument)
            return say("noted")
        if command.name == "say":
            await room.desk.reply(topic.handoff_id, who, command.argument)
            return ""
        return say("unknown")
    except DeskError as refused:
        if refused.code == "taken":
            return say("taken", name=await _holder(room, topic.handoff_id))
        return say(REFUSALS.get(refused.code, "invalid"))


async def _holder(room: TopicRoom, handoff_id: int) -> str:
    """The name of the operator holding a chat, "—" when nobody does (any more)."""
    async with room.db.transaction() as session:
        entry = await handoffs.get(session, handoff_id=handoff_id)
        if entry is None or entry.operator_id is None:
            return "—"
        user = await staff.by_id(session, user_id=entry.operator_id)
        return user.username if user is not None else "—"


async def _close_topic(room: TopicRoom, topic: Topic) -> None:
    """Close the finished chat's topic so the group's list shows what is open (best effort)."""
    if room.port is None:
        return
    try:
        await room.port.close_topic(topic.chat_id, topic.thread_id)
    except Exception:  # the chat is closed; a topic left open only looks untidy
        room.log_failure("close", topic)
