# policy: freeze_aliases=allow
# Semantics §4: under freeze_aliases=allow, aliases see the frozen object.
from floe import freeze, is_frozen

inner = [1]
outer = [inner]
alias = [inner]
freeze(outer)
print(is_frozen(outer), is_frozen(inner), is_frozen(alias))
try:
    alias[0].append(2)
except TypeError as e:
    print("the alias now sees a frozen list:", "immutable" in str(e))
