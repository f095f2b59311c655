# Semantics §2: classes and functions are shared code; they never enter a region
# while mutable. Freezing them (or @frozen) lets their instances in.
from floe import Region, RegionError, freeze, frozen, is_frozen

class Account:
    def __init__(self, balance):
        self.balance = balance

r = Region("accounts")
try:
    r.acct = Account(10)
except RegionError as e:
    print("RegionError:", "class Account" in str(e), "freeze it first" in str(e))
freeze(Account)
r.acct = Account(10)
print(r.acct.balance, r.owns(r.acct))

def helper():
    return 1
try:
    r.callback = helper
except RegionError as e:
    print("RegionError:", "function helper" in str(e))

@frozen
def frozen_helper():
    return 2
r.callback = frozen_helper
print(is_frozen(frozen_helper), r.callback())
