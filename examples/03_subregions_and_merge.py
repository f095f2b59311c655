# Subregions form a forest; merge and dissolve reshape it.
# Run: floe run examples/03_subregions_and_merge.py
from floe import Region, RegionError, merge, dissolve, is_local, draw

city = Region("city")
park = Region("park")
print("1. Storing a parentless bridge makes it a subregion:")
city.park = park
print("   park.parent is city:", park.parent is city)

print("2. A bridge has one owner: a second one is refused.")
zoo = Region("zoo")
try:
    zoo.park = park
except RegionError:
    print("   RegionError: park already belongs to city")

print("3. Regions cannot contain their own ancestors.")
try:
    park.city = city
except RegionError:
    print("   RegionError: city would become its own ancestor")

print("4. merge(src, sink) moves every member of a subregion into its parent.")
park.trees = ["oak", "elm"]
trees = park.trees
draw(city, zoo, trees, title="before merge: park is city's subregion")
merge(park, city)
draw(city, zoo, trees, title="after merge(park, city): park's members are city's")
print("   city.owns(trees):", city.owns(trees), "| city.owns(park):", city.owns(park))

print("5. dissolve(r) makes the members of a parentless region local again.")
dissolve(zoo)
print("   is_local(zoo):", is_local(zoo))
