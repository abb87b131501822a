-- pandoc filter for doc/errscope.1.md: a word that starts with a hyphen (a flag,
-- --max-error-rate) gets roff's \- for its hyphens, after which groff never breaks a line, and a
-- leading \%, which keeps groff from hyphenating it: a flag is never split over two lines of the
-- rendered page, so it can be searched for and copied.
function Str(el)
  if el.text:sub(1, 1) == '-' then
    return pandoc.RawInline('man', '\\%' .. el.text:gsub('-', '\\-'))
  end
end
