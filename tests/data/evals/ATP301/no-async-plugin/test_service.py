from service import make_session


def test_factory_exists():
    assert callable(make_session)
