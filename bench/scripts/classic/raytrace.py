# Classic B11: a small ray tracer — spheres and a checkered plane lit by two point
# lights, with shadows and one bounce of reflection, rendered to a grey-level image whose
# pixels are summed (in the spirit of pyperformance's `raytrace`, written here from the
# textbook algorithm: ray–sphere and ray–plane intersection, Lambert shading).
# Exercises: small float-vector objects, operator methods, isinstance-free dispatch
# through methods, many short-lived instances.
# N is the number of image rows rendered (the image is 48 pixels wide).
N = 320

WIDTH = 48


class Vec:
    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z

    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y, self.z + o.z)

    def __sub__(self, o):
        return Vec(self.x - o.x, self.y - o.y, self.z - o.z)

    def scale(self, k):
        return Vec(self.x * k, self.y * k, self.z * k)

    def dot(self, o):
        return self.x * o.x + self.y * o.y + self.z * o.z

    def length(self):
        return self.dot(self) ** 0.5

    def normalized(self):
        return self.scale(1.0 / self.length())


class Ray:
    def __init__(self, origin, direction):
        self.origin = origin
        self.direction = direction.normalized()

    def at(self, t):
        return self.origin + self.direction.scale(t)


class Sphere:
    def __init__(self, centre, radius, shade, mirror):
        self.centre = centre
        self.radius = radius
        self.shade = shade
        self.mirror = mirror

    def hit(self, ray):
        oc = ray.origin - self.centre
        b = oc.dot(ray.direction)
        c = oc.dot(oc) - self.radius * self.radius
        disc = b * b - c
        if disc < 0:
            return None
        root = disc ** 0.5
        t = -b - root
        if t > 1e-6:
            return t
        t = -b + root
        if t > 1e-6:
            return t
        return None

    def normal_at(self, p):
        return (p - self.centre).normalized()

    def colour_at(self, p):
        return self.shade


class Plane:
    def __init__(self, y, mirror):
        self.y = y
        self.mirror = mirror
        self.up = Vec(0.0, 1.0, 0.0)

    def hit(self, ray):
        dy = ray.direction.y
        if -1e-9 < dy < 1e-9:
            return None
        t = (self.y - ray.origin.y) / dy
        if t > 1e-6:
            return t
        return None

    def normal_at(self, p):
        return self.up

    def colour_at(self, p):
        if (int(p.x + 1000.0) + int(p.z + 1000.0)) % 2 == 0:
            return 0.9
        return 0.2


class Scene:
    def __init__(self):
        self.objects = [
            Sphere(Vec(0.0, 1.0, 5.0), 1.0, 0.8, 0.3),
            Sphere(Vec(-2.2, 0.6, 6.5), 0.6, 0.5, 0.0),
            Sphere(Vec(2.0, 1.4, 7.0), 1.4, 0.65, 0.5),
            Plane(0.0, 0.2),
        ]
        self.lights = [Vec(-5.0, 8.0, 0.0), Vec(6.0, 5.0, 2.0)]
        self.eye = Vec(0.0, 1.6, -1.0)

    def nearest(self, ray):
        best = None
        best_t = 1e30
        for obj in self.objects:
            t = obj.hit(ray)
            if t is not None and t < best_t:
                best = obj
                best_t = t
        return best, best_t

    def shadowed(self, point, light):
        to_light = light - point
        distance = to_light.length()
        ray = Ray(point, to_light)
        for obj in self.objects:
            t = obj.hit(ray)
            if t is not None and t < distance:
                return True
        return False

    def trace(self, ray, depth):
        obj, t = self.nearest(ray)
        if obj is None:
            return 0.1
        point = ray.at(t)
        normal = obj.normal_at(point)
        light_sum = 0.1
        for light in self.lights:
            if not self.shadowed(point, light):
                lambert = normal.dot((light - point).normalized())
                if lambert > 0:
                    light_sum += 0.5 * lambert
        colour = obj.colour_at(point) * light_sum
        if depth > 0 and obj.mirror > 0:
            d = ray.direction
            reflected = d - normal.scale(2.0 * d.dot(normal))
            colour = colour * (1 - obj.mirror) + obj.mirror * self.trace(Ray(point, reflected), depth - 1)
        return colour


scene = Scene()
total = 0.0
checksum = 0
for row in range(N):
    y = 2.8 - 2.4 * row / N
    for col in range(WIDTH):
        x = -1.6 + 3.2 * col / WIDTH
        ray = Ray(scene.eye, Vec(x, y - 1.6, 2.5))
        c = scene.trace(ray, 2)
        total += c
        level = int(c * 255)
        checksum = (checksum * 131 + level) % 1000000007
print("%.6f" % total, checksum)
