import asyncio


class TestWorkerSignals:
    ready = asyncio.Event()

    async def start_worker(self):
        await asyncio.sleep(0.01)
        self.ready.set()

    async def test_worker_signals_ready(self):
        self.ready.clear()
        task = asyncio.create_task(self.start_worker())
        await asyncio.wait_for(self.ready.wait(), 1)
        await task

    async def test_worker_signals_ready_after_restart(self):
        self.ready.clear()
        task = asyncio.create_task(self.start_worker())
        await asyncio.wait_for(self.ready.wait(), 1)
        await task
