<?php

declare(strict_types=1);

namespace Thankyou\Common;

/**
 * Text claims cleaned the way the server reads them: valid UTF-8 without NUL,
 * trimmed, cut to the claim's length in characters, so that a shop's odd
 * product name costs a few characters rather than the whole page.
 */
final class Text
{
    /** What the server strips (Python's str.strip): Unicode white space and separators. */
    private const SPACE = '[\s\p{Z}\x{1c}-\x{1f}\x{85}]';

    private const LOCALE = '/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8}){0,3}$/D';

    private const EMAIL_USER = "/^[-!#$%&'*+\\/=?^_`{}|~0-9A-Z]+(\\.[-!#$%&'*+\\/=?^_`{}|~0-9A-Z]+)*$/iD";

    /** Django's host name rules (Unicode letters allowed), as the server checks e-mail domains. */
    private const EMAIL_DOMAIN = '/^[a-z\x{a1}-\x{ffff}0-9](?:[a-z\x{a1}-\x{ffff}0-9-]{0,61}[a-z\x{a1}-\x{ffff}0-9])?'
        . '(?:\.(?!-)[a-z\x{a1}-\x{ffff}0-9-]{1,63}(?<!-))*'
        . '\.(?!-)(?:[a-z\x{a1}-\x{ffff}-]{2,63}|xn--[a-z0-9]{1,59})(?<!-)$/iuD';

    /**
     * The value as text of at most $max characters, or null when it is empty
     * or not text. Integers become their digits; invalid UTF-8 becomes U+FFFD.
     *
     * @param mixed $value
     */
    public static function clean($value, int $max): ?string
    {
        if (is_int($value)) {
            $value = (string) $value;
        }
        if (!is_string($value)) {
            return null;
        }
        $value = htmlspecialchars_decode(htmlspecialchars($value, ENT_NOQUOTES | ENT_SUBSTITUTE, 'UTF-8'), ENT_NOQUOTES);
        $value = self::trim(str_replace("\0", '', $value));
        if (preg_match('/^.{0,' . $max . '}/su', $value, $match)) {
            $value = self::trim($match[0]);
        }

        return $value === '' ? null : $value;
    }

    /** A locale such as "de-DE" from "de_DE" or "de-DE", or null. */
    public static function locale($value): ?string
    {
        $value = self::clean($value, 100);
        if ($value === null) {
            return null;
        }
        $value = str_replace('_', '-', $value);

        return preg_match(self::LOCALE, $value) ? $value : null;
    }

    /** A two-letter country code in capitals, or null. */
    public static function country($value): ?string
    {
        $value = self::clean($value, 100);

        return $value !== null && preg_match('/^[A-Za-z]{2}$/D', $value) ? strtoupper($value) : null;
    }

    /** A three-letter currency code in capitals, or null. */
    public static function currency($value): ?string
    {
        $value = self::clean($value, 100);

        return $value !== null && preg_match('/^[A-Za-z]{3}$/D', $value) ? strtoupper($value) : null;
    }

    /**
     * The e-mail address if the server accepts it, else null: it only
     * prefills a form, so an address of a form the server refuses (quoted
     * local parts, IP literals) is left out rather than failing the token.
     */
    public static function email($value): ?string
    {
        $value = self::clean($value, 1000);
        if ($value === null || strlen($value) > 254) {
            return null;
        }
        $at = strrpos($value, '@');
        if ($at === false) {
            return null;
        }
        $user = substr($value, 0, $at);
        $domain = substr($value, $at + 1);
        if (!preg_match(self::EMAIL_USER, $user)) {
            return null;
        }

        return $domain === 'localhost' || preg_match(self::EMAIL_DOMAIN, $domain) ? $value : null;
    }

    private static function trim(string $value): string
    {
        return preg_replace('/^' . self::SPACE . '+|' . self::SPACE . '+$/uD', '', $value) ?? '';
    }
}
