async def warm_cache():
    pass
