"""CSV sheets: the sign-up lists' layout, reading them, and writing a sheet (the sign-ups'
export is bot.views.signups)."""
