"""The demo council, Northbrook: its pages, services, schools and comments as data files (data/), and the one
loader that puts them in the database (`manage.py load_demo`, run by `make run`). Nothing else imports this app."""
