"""What each command does once the command line has been parsed: a request in, an outcome out.

One module per command (``lint``, ``redact``, ``report``, ``show``): a frozen request,
``execute(request)``, and an outcome with the text to print and the exit status. The
command line (``toolkit.cli``) only parses options into requests and prints outcomes.

May import every package of the toolkit.
"""
