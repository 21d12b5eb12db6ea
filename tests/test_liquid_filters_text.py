"""Jekyll's filters on text, URLs and dates, and Liquid's standard filters,
print what real Jekyll 4.3.1 prints for the same cases.

Runs wherever `jekyll` is installed; CI installs it, so there it never skips.
"""

from __future__ import annotations

import pytest

from liquid_cases import check, compared, require_jekyll

require_jekyll()


def cap(text: str) -> str:
    """`t` set to text that quotes could not hold in a Liquid string."""
    return "{% capture t %}" + text + "{% endcapture %}"


URL = [
    '{{ "/about/" | relative_url }}',
    '{{ "about" | relative_url }}|{{ "" | relative_url }}|{{ nil | relative_url }}',
    '{{ "/a b/é?q=1 2&x=%2f+%2B;y#fr ag#x" | relative_url }}',
    '{{ "/a/./b/../c" | relative_url }}|{{ "/../x" | relative_url }}|{{ "/x/.." | relative_url }}',
    '{{ "https://other.org/x y" | relative_url }}|{{ "mailto:a@b.c" | relative_url }}',
    '{{ "//cdn.example.org/x.js" | relative_url }}|{{ "/%7Euser/" | relative_url }}',
    '{{ "/x?" | relative_url }}|{{ "/x#" | relative_url }}|{{ 5 | relative_url }}|{{ "/ﬁ" | relative_url }}',
    '{{ "/a/%2E%2E/b" | relative_url }}|{{ "/100%" | relative_url }}|{{ " /sp " | relative_url }}',
    '{{ "/about/" | absolute_url }}|{{ "x" | absolute_url }}|{{ nil | absolute_url }}',
    '{{ "https://Other.org:443/x" | absolute_url }}|{{ "/a b/?q=é" | absolute_url }}',
    '{{ "foo, bar \\baz?" | uri_escape }}|{{ "é%20x%2F100%" | uri_escape }}|{{ "a[b]#c" | uri_escape }}',
    '{{ "foo,bar;baz?" | cgi_escape }}|{{ "a b&é~*" | cgi_escape }}',
    '{{ "a b&é/" | url_encode }}|{{ 5 | url_encode }}|{{ true | url_encode }}|{{ nil | url_encode }}',
    '{{ "/about/index.html" | strip_index }}|{{ "/x/index.htm" | strip_index }}|{{ "/x.html" | strip_index }}',
]
DATES = [
    '{{ "2021-11-19 08:05:03 -0600" | date: "%Y %C %y %m %B %b %h %d %e %j %H %k %I %l %M %S" }}',
    '{{ "2021-11-19 08:05:03 -0600" | date: "%L %N %3N %z %:z %::z %A %a %u %w %p %P %s %% %t." }}',
    '{{ "2021-01-03 20:05:03 -0600" | date: "%U %W %G %g %V %j %F %D %T %R %r %c %x %X" }}',
    '{{ "2021-03-04 05:06:07" | date: "%-d %-m %-H %-I %_m %_d %^B %^a %10A %-y %e %-e %03e %#p %#B" }}',
    '{{ "2021-03-04 05:06:07 +0900" | date: "%H %z %Z|" }}{{ "2021-03-04T05:06:07Z" | date: "%H %z %Z" }}',
    '{{ "2021-03-04 05:06:07" | date: "%H %z %Z" }}|{{ "2021-07-04 05:06:07" | date: "%H %z %Z %v %+" }}',
    '{{ 1637330400 | date: "%F %T %z" }}|{{ "1637330400" | date: "%F %T" }}',
    '{{ "" | date: "%Y" }}|{{ nil | date: "%Y" }}|{{ "2021-01-02" | date: "" }}|{{ 1.5 | date: "%Y" }}|{{ true | date: "%Y" }}',
    '{{ "2021-01-02" | date: "%Q %J %E" }}|{{ "2021-01-02" | date: 5 }}',
    '{{ "2021-03-14 02:30:00" | date: "%H:%M %Z" }}|{{ "2021-11-07 01:30:00 -0600" | date: "%H:%M %Z" }}',
    '{{ "2021-11-01 08:00:00 +0900" | date_to_string }}|{{ "2021-11-01" | date_to_long_string }}',
    '{{ "2021-11-01" | date_to_string: "ordinal" }}|{{ "2021-11-02" | date_to_string: "ordinal", "US" }}',
    '{{ "2021-11-03" | date_to_long_string: "ordinal" }}|{{ "2021-11-11" | date_to_long_string: "ordinal", "US" }}',
    '{{ "2021-11-12" | date_to_string: "ordinal" }}|{{ "2021-11-13" | date_to_string: "ordinal" }}|{{ "2021-11-21" | date_to_string: "ordinal" }}|{{ "2021-11-22" | date_to_string: "ordinal" }}|{{ "2021-11-23" | date_to_string: "ordinal" }}',
    '{{ "2021-11-19 08:00:00 +0900" | date_to_xmlschema }}|{{ 1637330400 | date_to_xmlschema }}',
    '{{ "2021-11-19 08:00:00 +0900" | date_to_rfc822 }}|{{ "2021-07-04" | date_to_rfc822 }}',
    '{{ nil | date_to_xmlschema }}|{{ "" | date_to_string }}|{{ nil | date_to_rfc822 }}',
]
TEXT = [
    cap("a \"b\" <c> & 'd' é")
    + "{{ t | xml_escape }}|{{ nil | xml_escape }}|{{ 5 | xml_escape }}",
    '{{ "Hello  world\tfoo\nbar" | number_of_words }}|{{ "a\u00a0b c" | number_of_words }}',
    '{{ "日本語 text 한국어です" | number_of_words: "cjk" }}|{{ "日本語 text" | number_of_words: "auto" }}|{{ "no cjk here" | number_of_words: "auto" }}',
    '{{ "a" | split: "," | array_to_sentence_string }}|{{ "a,b" | split: "," | array_to_sentence_string }}',
    '{{ "a,b,c" | split: "," | array_to_sentence_string }}|{{ "a,b,c" | split: "," | array_to_sentence_string: "or" }}|{{ "" | split: "," | array_to_sentence_string }}',
    '{{ "  a \n\t b  " | normalize_whitespace }}|{{ nil | normalize_whitespace }}',
    '{{ "12abc" | to_integer }}|{{ "  -3" | to_integer }}|{{ 3.9 | to_integer }}|{{ true | to_integer }}|{{ false | to_integer }}|{{ nil | to_integer }}|{{ "abc" | to_integer }}|{{ "1_000" | to_integer }}|{{ "0x1A" | to_integer }}',
    cap('a"b\\c\n/é\t\u0001')
    + '{{ t | jsonify }}|{{ "a,b" | split: "," | jsonify }}|{{ 5 | jsonify }}|{{ nil | jsonify }}|{{ true | jsonify }}|{{ 10 | divided_by: 4.0 | jsonify }}',
    cap('a"b#{x}\\\n\u0001\u007fé\u2028')
    + '{{ t | inspect }}|{{ nil | inspect }}|{{ 5 | inspect }}|{{ "a,b" | split: "," | inspect }}|{{ 2.50 | inspect }}|{{ true | inspect }}',
]
SLUGIFY = [
    "{{ s | slugify: '" + mode + "' }}|{{ s | slugify: '" + mode + "' | size }}"
    for mode in ("none", "raw", "default", "pretty", "ascii", "latin", "other", "")
] + [
    "{{ s | slugify }}|{{ nil | slugify }}|{{ '' | slugify }}|{{ '--a--' | slugify }}",
    "{{ 'Æther Œuvre ß Đ ŉ Ŀ ÷ ſ ĳ Ðð Þþ' | slugify: 'latin' }}",
]
SMARTIFY = [
    cap(
        'He said "hi" -- it is done... <<x>> & <b>"b"</b> &amp; &eacute; &#8220; &#x201C; &bogus; 5&#39;10" 1980s'
    )
    + "{{ t | smartify }}",
    cap("a --- b 'quoted' don't rock 'n' roll '80s") + "{{ t | smartify }}",
    cap('<div>"x"</div>\n"y" < z > w') + "{{ t | smartify }}",
    "{{ '\"x\"' | smartify }}|{{ '' | smartify }}|{{ nil | smartify }}|{{ 5 | smartify }}|{{ '<< a >> b' | smartify }}",
    cap(
        'a\\b \\"c\\" *d* `e` <code>"f"</code> <em>"g"</em> </i> <br> <a href=\'x\'>"h"</a>'
    )
    + "{{ t | smartify }}",
    cap("\"'Quoted' words\" and '\"double\" set' &#150; &#39; &lt; &quot; \\<< x")
    + "{{ t | smartify }}",
    cap("line1\nline2\n\n") + "{{ t | smartify }}|",
    cap('Custer\'s "last" stand\'s. "Hello," she said. \'Tis ("x") ["y"] \'\'')
    + "{{ t | smartify }}",
]
STANDARD = [
    cap("a \"b\" <c> & 'd'")
    + "{{ t | escape }}|{{ t | h }}|{{ nil | escape }}|{{ 1.5 | escape }}",
    cap("&amp; &foo; &#x41; &#65; <b> '\"") + "{{ t | escape_once }}",
    "{{ 'a < b and c > d' | strip_html }}|{{ '<script>x</script>y<style>z</style>' | strip_html }}|{{ '<SCRIPT>x</SCRIPT><!-- c -->w' | strip_html }}",
    "{{ 'abc' | truncate: 3 }}|{{ 'abcd' | truncate: 3 }}|{{ 'abcdef' | truncate: 5, '!' }}|{{ 'abcdef' | truncate: 2, '...' }}|{{ nil | truncate: 2 }}|{{ 'abc' | truncate: '2' }}",
    "{{ 'a b c' | truncatewords: 3 }}|{{ 'a  b  c d' | truncatewords: 3 }}|{{ 'a b ' | truncatewords: 2 }}|{{ 'a b' | truncatewords: 0 }}|{{ ' a   b' | truncatewords: 2, '!' }}",
    "{{ 'a,b,,' | split: ',' | size }}|{{ ',a' | split: ',' | size }}|{{ ' a  b ' | split: ' ' | join: '+' }}|{{ 'abc' | split: '' | join: '+' }}|{{ nil | split: ',' | size }}",
    "{{ 'a,b' | split: ',' | push: nil | push: true | join: '-' }}|{{ 'a,b' | split: ',' | join: nil }}|{{ nil | join: ',' }}|{{ 'x' | join: ',' }}",
    "{{ 'abc' | size }}|{{ 'a,b' | split: ',' | size }}|{{ 5 | size }}|{{ nil | size }}|{{ 1.5 | size }}",
    "{{ 2.5 | round }}|{{ 3.5 | round }}|{{ -2.5 | round }}|{{ 0.125 | round: 2 }}|{{ 1234 | round: -2 }}|{{ '2.5' | round }}|{{ 1234.5 | round: -2 }}|{{ 2.5 | round: 1 }}",
    "{{ 7 | divided_by: 2 }}|{{ -7 | divided_by: 2 }}|{{ 1.1 | divided_by: 0.1 }}|{{ 10 | divided_by: 3.0 }}|{{ '10' | divided_by: 4 }}",
    "{{ -7.5 | modulo: 2 }}|{{ 7 | modulo: -3 }}|{{ 7.5 | modulo: 2 }}|{{ 3 | plus: 0.1 }}|{{ 0.1 | times: 3 }}",
    "{{ true | upcase }}|{{ nil | upcase }}|{{ 1.5 | capitalize }}|{{ 'x' | append: nil }}|{{ 'x' | prepend: true }}|{{ 'aXa' | replace: 'a', nil }}|{{ 'aXa' | remove: 'a' }}",
    "[{{ '\u00a0 x \u00a0' | strip }}]|[{{ ' x ' | lstrip }}]|[{{ ' x ' | rstrip }}]",
    "{{ 'b,A,c,B' | split: ',' | sort_natural | join: ',' }}|{{ 'b,A' | split: ',' | push: nil | sort_natural | size }}|{{ 'é,E,f' | split: ',' | sort_natural | join: ',' }}",
    "{{ '1' | split: ',' | push: 1 | push: 1.0 | push: true | push: 1 | uniq | size }}|{{ 'a,b,a' | split: ',' | uniq | join: ',' }}",
    "{{ 'a,b' | split: ',' | first }}|{{ 'a,b' | split: ',' | last }}|{{ 'ab' | first }}|{{ nil | first }}",
    "{{ nil | default: 'd' }}|{{ false | default: 'd' }}|{{ '' | default: 'd' }}|{{ 0 | default: 'd' }}|{{ ' ' | default: 'd' }}|{{ false | default: 'd', allow_false: true }}",
    "{{ nil | slice: 0 }}|{{ 12345 | slice: 1, 2 }}|{{ 'hello' | slice: -3, 2 }}|{{ 'a,b,c' | split: ',' | slice: 1, 5 | join: '' }}",
    "{{ 'a,b' | split: ',' | reverse | join: '' }}|{% assign cd = 'c,d' | split: ',' %}{{ 'a,b' | split: ',' | concat: cd | join: '' }}|{{ nil | map: 'x' | size }}",
    "{{ 'a b' | upcase | downcase | capitalize }}|{{ 'a\nb' | newline_to_br }}|{{ 'a\r\nb' | strip_newlines }}|{{ 'a+b%20c' | url_decode }}",
    "{{ 5 | abs }}|{{ -5.5 | abs }}|{{ 4.2 | ceil }}|{{ 4.8 | floor }}|{{ 3 | at_least: 5 }}|{{ 3 | at_most: 1 }}|{{ 5 | minus: 0.5 }}",
    "{{ 'x' | sum }}|{{ 'a,b' | split: ',' | reject: 'a' | join: '' }}|{{ 'x' | unknown_filter }}",
]
CASES = URL + DATES + TEXT + SLUGIFY + SMARTIFY + STANDARD
SLUG_TEXT = "  The _config.yml file?! Ünïcode Æther ß Ŀ — 日本 café--x  Tab\there  "
FILES = {"_data/empty.yml": "[]\n"}
PREFIX = "{% assign s = '" + SLUG_TEXT + "' %}"


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    cases = [PREFIX + case if "{{ s " in case else case for case in CASES]
    return compared(tmp_path_factory, cases, FILES)


@pytest.mark.parametrize("number", range(len(CASES)), ids=lambda n: f"case-{n}")
def test_filter_prints_what_jekyll_prints(results, number):
    check(results, CASES, number)
