// Filled in by the bundle-vscode build.
