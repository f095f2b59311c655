value = 1
raise ValueError("broken at import")
