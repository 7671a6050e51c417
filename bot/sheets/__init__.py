"""CSV sheets: the sign-up lists' layout, reading them, and writing them back out."""
