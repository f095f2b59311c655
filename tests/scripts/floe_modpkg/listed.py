__all__ = ["shown"]
shown = "shown"
hidden = "hidden"
