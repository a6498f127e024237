"""The shared layer: code that news and shop both use. It imports no app of ours."""
