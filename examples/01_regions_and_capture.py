# Regions and capture: every mutable object lives in exactly one region (or is local to
# its thread). Storing a local object into a region moves it — and everything it
# reaches — into that region. Run: floe run examples/01_regions_and_capture.py
from floe import Region, is_local, freeze, draw

print("1. A region is made by Region(); what you get back is its bridge object.")
bank = Region("bank")
print("   bank.name =", repr(bank.name), "| parent:", bank.parent)

print("2. A new list is local: owned by this thread, in no region.")
ledger = [100, 250]
history = {"ledger": ledger, "owner": "ada"}
print("   is_local(history) =", is_local(history), "| is_local(ledger) =", is_local(ledger))

print("3. Storing it on the bridge captures the whole graph into the region.")
bank.accounts = history
print("   bank.owns(history) =", bank.owns(history), "| bank.owns(ledger) =", bank.owns(ledger))
print("   is_local(ledger) =", is_local(ledger))

print("4. Later stores into region objects capture again.")
note = ["opened"]
history["notes"] = note
print("   bank.owns(note) =", bank.owns(note))

print("5. Capture stops at frozen objects: they are shared, never moved.")
rates = freeze([0.01, 0.02])
bank.rates = rates
print("   bank.owns(rates) =", bank.owns(rates))

print("6. A region is open while local variables point into it.")
print("   bank.is_open =", bank.is_open, "(the variables history, ledger and note point in)")
draw(title="bank captured history, ledger and note; the frozen rates stay shared")
