# Syntax outside floe's subset is reported with its location (exit status 2).
print("never runs")
async def fetch():
    pass
