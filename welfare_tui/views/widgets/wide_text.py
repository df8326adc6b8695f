"""Wide characters (Japanese, 𠮷) are never dropped on screen: the two places Textual 8.2.8 loses them.

1. The compositor cuts every screen line at the left and right edge of *every* visible widget, the
   ones hidden under an overlay included, and divides the strip of the widget on top at all those
   cuts (`Compositor._render_chops`, `Strip.divide`). A wide character of the top widget that
   straddles the edge of a widget below is split into two halves, and Rich turns each half into a
   space: a dropdown over a dialog showed 「    業所」 for 「事業所」. `WideSafeCompositor` divides a
   widget's line only where the widget stops being the one on top, so a character is split only
   where another widget really covers half of it.
   Upstream report: "Compositor._render_chops divides the top widget's strip at the cuts of widgets
   beneath it; a double-width character straddling such a cut is rendered as two spaces".

2. `TextArea` re-wraps its text when it is resized (or its scrollbar comes and goes) but does not
   repaint: the lines drawn before, wrapped for the old width, stay on a real terminal, and their
   last character falls off the right edge until something else repaints the field (focusing it).
   `WrappingTextArea` repaints whenever it re-wraps.
   Upstream report: "TextArea._rewrap_and_refresh_virtual_size clears the line cache without
   refresh(); after a resize a soft-wrapped line drawn at the old width stays on screen, clipped".

`install()` (called once by views/app.py, before any screen exists) makes every screen, Textual's
own (command palette, Select overlays) included, use the safe compositor.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import cast

from textual._compositor import ChopsUpdate, Compositor
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import TextArea

_CONSUMED = Strip([], 0)  # a chop already drawn by the run of the same widget that starts before it


class WideSafeCompositor(Compositor):
    def _render_chops(
        self, crop: Region, is_rendered_line: Callable[[int], bool]
    ) -> Sequence[Mapping[int, Strip]]:
        # As Textual's, painting front to back (the first widget to reach a chop owns it), except
        # that a widget's strip is divided only between runs of chops it owns and chops it does not.
        cuts = self.cuts
        chops: list[dict[int, Strip | None]] = [dict.fromkeys(cut_set[:-1]) for cut_set in cuts]
        # Where each chop's drawing ends: a run's first chop draws up to the end of the run.
        self.chop_ends = [cut_set[1:] for cut_set in cuts]
        for region, clip, strips in self._get_renders(crop):
            render_region = region.intersection(clip)
            render_x = render_region.x
            first_cut, last_cut = render_region.column_span
            for y, strip in zip(render_region.line_range, strips):
                if not is_rendered_line(y):
                    continue
                chops_line = chops[y]
                final_cuts = [cut for cut in cuts[y] if last_cut >= cut >= first_cut]
                starts = final_cuts[:-1]
                free = [chops_line.get(cut) is None for cut in starts]
                if not any(free):
                    continue
                runs = [0] + [index for index in range(1, len(starts)) if free[index] != free[index - 1]]
                ends = [starts[index] for index in runs[1:]] + [final_cuts[-1]]
                pieces = strip.divide([end - render_x for end in ends])
                for number, (run_start, piece) in enumerate(zip(runs, pieces)):
                    if not free[run_start]:
                        continue
                    run_end = runs[number + 1] if number + 1 < len(runs) else len(starts)
                    chops_line[starts[run_start]] = piece
                    line_ends = self.chop_ends[y]
                    line_ends[cuts[y].index(starts[run_start])] = ends[number]
                    for index in range(run_start + 1, run_end):
                        chops_line[starts[index]] = _CONSUMED
        # As Textual's: every chop is filled by now (the screen's background covers the rest).
        return cast(Sequence[Mapping[int, Strip]], chops)

    def render_partial_update(self) -> ChopsUpdate | None:
        # Textual's, with the chop ends of the runs (a partial update inside a run draws it).
        screen_region = self.size.region
        update_regions = self._dirty_regions.copy()
        self._dirty_regions.clear()
        if not update_regions:
            return None
        crop = Region.from_union(update_regions).intersection(screen_region)
        spans = list(self._regions_to_spans(update_regions))
        rendered_lines = {y for y, _, _ in spans}
        chops = self._render_chops(crop, rendered_lines.__contains__)
        return ChopsUpdate(chops, spans, self.chop_ends)


class WrappingTextArea(TextArea):
    def _rewrap_and_refresh_virtual_size(self) -> None:
        super()._rewrap_and_refresh_virtual_size()
        self.refresh()  # the lines on screen were wrapped for the old width


def install() -> None:
    """Every Screen made from now on composes with `WideSafeCompositor` (Screen.__init__ looks the
    class up in its module)."""
    import textual.screen

    # Textual's Compositor is not exported from textual.screen (the one private name we replace).
    textual.screen.Compositor = WideSafeCompositor  # type: ignore[attr-defined]
