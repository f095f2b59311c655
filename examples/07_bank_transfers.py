# Accounts in regions, transfers as two-cown behaviours running in parallel on the
# workers: the total never changes. Run: floe run examples/07_bank_transfers.py
from floe import Cown, when, wait, Region, draw

ACCOUNTS = 8
TRANSFERS = 10000

def open_account(balance):
    r = Region("account")
    r.balance = balance
    r.history = []
    return r

accounts = [Cown(open_account(1000)) for _ in range(ACCOUNTS)]
print("1.", ACCOUNTS, "accounts of 1000 each, each a region owned by a cown")
draw(accounts, title="eight cowns; each owns its account's region, which only a behaviour sees")

print("2.", TRANSFERS, "random transfers, each a behaviour holding two accounts")
seed = 12345
for n in range(TRANSFERS):
    seed = (seed * 1103515245 + 12345) % 2147483648
    a, b = seed % ACCOUNTS, (seed // ACCOUNTS) % ACCOUNTS
    if a == b:
        continue
    amount = seed % 50

    @when(accounts[a], accounts[b])
    def transfer(src, dst, amount=amount):
        if src.value.balance >= amount:
            src.value.balance -= amount
            dst.value.balance += amount
            src.value.history.append(-amount)
            dst.value.history.append(amount)

print("3. Each account's own history explains its balance, and the total never changed:")
total = 0
for c in accounts:
    @when(c)
    def audit(acct):
        return (acct.value.balance, 1000 + sum(acct.value.history))
    balance, explained = wait(audit)
    total += balance
    assert balance == explained
print("   total =", total)
