"""``python -m topicmine.cli`` runs the same command as the ``topicmine`` console script."""

from topicmine.cli import main

main()
