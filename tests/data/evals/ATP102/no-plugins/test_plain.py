def test_uses_resource(resource):
    assert resource
