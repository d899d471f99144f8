// Filled in by the bundle-playground build.
