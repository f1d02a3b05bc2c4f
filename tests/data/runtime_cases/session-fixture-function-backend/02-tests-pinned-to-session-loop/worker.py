import asyncio


class ThumbnailWorker:
    """Processes jobs from a queue in a background task."""

    def __init__(self):
        self.jobs = asyncio.Queue()
        self.done = {}

    async def run(self):
        while True:
            name, finished = await self.jobs.get()
            self.done[name] = f"{name}.thumb"
            finished.set()

    async def submit(self, name, timeout=1.0):
        finished = asyncio.Event()
        await self.jobs.put((name, finished))
        await asyncio.wait_for(finished.wait(), timeout)
        return self.done[name]
