# common.gp - settings shared by every kysely chart: font, palettes, colours.
#
# kysely sets these variables before it loads a chart template (all text is
# assigned as quoted strings and used only as expressions, never as macros):
#   ky_title, ky_note, ky_ns_label   title, footnote, label of the apart bar
#   ky_nlev, ky_lev[k]               number of scale levels and their labels
#   ky_nrows, ky_ylab[i], ky_ypos[i] bar labels and their y positions
#   ky_ytop, ky_xmin, ky_xmax        data ranges
#   ky_has_ns, ky_diverging          flags (0/1)
#   ky_qual                          1: levels are groups (qualitative colours)
#   ky_dark_first                    1: sequential colours from dark (ranks)
#   ky_xlabel, ky_xstep              x axis title and tick step (means)
#   ky_format, ky_output             'png' | 'svg' | 'pdf', the output file
# and two datablocks of numbers: $ky_data (one index per level: y x0 x1 pct)
# and $ky_ns (y pct n) for the non-substantive answers shown apart.

ky_font = 'DejaVu Sans'

# ColorBrewer RdBu (diverging) and Blues (sequential): colour-blind safe and
# ordered in lightness, so they stay readable printed in greyscale.  The
# neutral middle of an odd diverging scale is a mid grey.
ky_div2 = 'ca0020 0571b0'
ky_div3 = 'ca0020 bdbdbd 0571b0'
ky_div4 = 'ca0020 f4a582 92c5de 0571b0'
ky_div5 = 'ca0020 f4a582 d0d0d0 92c5de 0571b0'
ky_div6 = 'b2182b ef8a62 fddbc7 d1e5f0 67a9cf 2166ac'
ky_div7 = 'b2182b ef8a62 fddbc7 d0d0d0 d1e5f0 67a9cf 2166ac'
ky_seq1 = '3182bd'
ky_seq2 = '9ecae1 08519c'
ky_seq3 = 'c6dbef 6baed6 08519c'
ky_seq4 = 'c6dbef 9ecae1 4292c6 08519c'
ky_seq5 = 'c6dbef 9ecae1 6baed6 3182bd 08519c'
ky_seq6 = 'deebf7 c6dbef 9ecae1 6baed6 3182bd 08519c'
ky_seq7 = 'deebf7 c6dbef 9ecae1 6baed6 4292c6 2171b5 084594'
ky_ns_colour = '#969696'
# Groups: the Okabe-Ito palette (distinct for every kind of colour vision),
# each with its own point shape so that greyscale print still tells them apart.
ky_okabe = '0072b2 e69f00 009e73 cc79a7 56b4e9 d55e00 f0e442 000000'
ky_pt(k) = int(word('7 5 9 11 13 15 4 6', (k - 1) % 8 + 1))
ky_qual = 0
ky_dark_first = 0

# Longer scales (e.g. 0-10 ratings): a light-to-dark blue ramp.
ky_ramp(t) = sprintf('#%02x%02x%02x', int(222 - 214 * t), int(235 - 187 * t), int(247 - 140 * t))
ky_palname(n) = (ky_diverging ? 'ky_div' : 'ky_seq') . sprintf('%d', n)
ky_k(k) = ky_dark_first ? ky_nlev + 1 - k : k
ky_colour(k) = ky_qual ? '#' . word(ky_okabe, (k - 1) % 8 + 1) : \
               ky_nlev <= 7 ? '#' . word(value(ky_palname(ky_nlev)), ky_k(k)) \
                            : ky_ramp((ky_k(k) - 1.0) / (ky_nlev - 1.0))
# Dark segments get white numbers.
ky_dark(k) = ky_diverging ? (k == 1 || k == ky_nlev) : \
             (ky_nlev == 1 || (ky_k(k) > ky_nlev - 2 && ky_k(k) > 1))
ky_txt(k) = ky_dark(k) ? '#ffffff' : '#222222'

# Page geometry: A4 width at 200 dpi, height from the number of bars.
ky_unit = 78
ky_top_px = 170
ky_bottom_px = 350
