# A write that would break ownership raises RegionError instead of creating a race.
# Run: floe run examples/02_cross_region_store.py
from floe import Region, RegionError, draw

alice = Region("alice")
bob = Region("bob")
alice.wallet = [10, 20]
bob.wallet = []

print("1. Two regions, each with a wallet list.")
print("2. Bob's wallet tries to hold a reference to Alice's list:")
try:
    bob.wallet.append(alice.wallet)
except RegionError as e:
    print("   RegionError:", str(e).split(": ", 1)[1])
    print("   e.source is bob.wallet:", e.source is bob.wallet, "| e.target is alice.wallet:", e.target is alice.wallet)

print("3. Nothing changed: bob's wallet is still empty:", bob.wallet)
draw(alice, bob, title="after the refused store: two regions, nothing shared")

print("4. A failed capture moves nothing either, however deep the foreign reference is.")
package = {"contents": [alice.wallet]}
try:
    bob.package = package
except RegionError as e:
    print("   RegionError; the local holder is named: e.source is package['contents'] =",
          e.source is package["contents"])

print("5. Copying the data instead is always allowed:")
bob.wallet.extend(list(alice.wallet))
print("   bob.wallet =", bob.wallet, "| alice.wallet =", alice.wallet)
