"""The topicmine web service (FastAPI factory in service.app) — thin over topicmine.pipeline."""
