"""Gradio chat over the policy sources (placeholder until the chat lands)."""
