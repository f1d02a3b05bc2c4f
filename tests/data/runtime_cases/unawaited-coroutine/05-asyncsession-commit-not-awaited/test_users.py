from sqlalchemy import text


async def test_user_visible_to_other_session(sessionmaker):
    async with sessionmaker() as writer:
        await writer.execute(text("INSERT INTO users (name) VALUES ('ada')"))
        writer.commit()
    async with sessionmaker() as reader:
        names = (await reader.execute(text("SELECT name FROM users"))).scalars().all()
    assert names == ["ada"]
