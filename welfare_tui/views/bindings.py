"""Key bindings are data: each has an id that is also its message key (tooltip: `<id>.tip`).

Textual fixes binding texts when a class is defined; the language is chosen later, at start-up, so
each of our widgets rewrites its own bindings' texts from the messages when it is created.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding
from textual.dom import DOMNode

from welfare_tui.i18n import all_messages, t


def localise_bindings(node: DOMNode) -> None:
    messages = all_messages()
    # Textual has no public way to relabel one instance's bindings; its per-instance copy is read here only.
    bindings_map = node._bindings
    for key, bindings in bindings_map.key_to_bindings.items():
        bindings_map.key_to_bindings[key] = [
            replace(
                binding,
                description=t(binding.id),
                tooltip=t(f"{binding.id}.tip") if f"{binding.id}.tip" in messages else binding.tooltip,
            )
            if binding.id in messages
            else binding
            for binding in bindings
        ]


def is_ours(binding: Binding) -> bool:
    """A binding of this program (its id is a message key), not one Textual's widgets bring along."""
    return bool(binding.id) and binding.id in all_messages()


def description_of(binding: Binding) -> str:
    """What a binding does, in the current language: ours are localised when created; Textual's own
    (its widgets' English texts: "Cursor down", "Dismiss menu") are looked up in messages/textual_keys.py."""
    key = f"textual.{binding.description}"
    return t(key) if not is_ours(binding) and key in all_messages() else binding.description
