<?php

declare(strict_types=1);

namespace Thankyou\Common;

/**
 * Amounts as the decimal strings the order context carries ("129.90"),
 * rounded to the currency's minor unit, computed on digits so that no float
 * error (0.1 + 0.2) reaches a claim.
 */
final class Money
{
    /** ISO 4217 minor units that are not 2. */
    private const EXPONENTS = [
        'BIF' => 0, 'CLP' => 0, 'DJF' => 0, 'GNF' => 0, 'ISK' => 0, 'JPY' => 0, 'KMF' => 0,
        'KRW' => 0, 'PYG' => 0, 'RWF' => 0, 'UGX' => 0, 'UYI' => 0, 'VND' => 0, 'VUV' => 0,
        'XAF' => 0, 'XOF' => 0, 'XPF' => 0,
        'BHD' => 3, 'IQD' => 3, 'JOD' => 3, 'KWD' => 3, 'LYD' => 3, 'OMR' => 3, 'TND' => 3,
        'CLF' => 4, 'UYW' => 4,
    ];

    /** The server takes at most 12 digits before the decimal point. */
    private const MAX_INTEGER_DIGITS = 12;

    /** Digits after the decimal point for the currency (2 when unknown). */
    public static function exponent(?string $currency): int
    {
        return self::EXPONENTS[strtoupper((string) $currency)] ?? 2;
    }

    /** The decimal string of an amount given in minor units (cents, fils, yen). */
    public static function fromMinorUnits(int $minorUnits, ?string $currency): ?string
    {
        $exponent = self::exponent($currency);
        $digits = (string) abs($minorUnits);
        if ($exponent > 0) {
            $digits = str_pad($digits, $exponent + 1, '0', STR_PAD_LEFT);
            $digits = substr($digits, 0, -$exponent) . '.' . substr($digits, -$exponent);
        }

        return self::decimal(($minorUnits < 0 ? '-' : '') . $digits, $currency);
    }

    /**
     * The amount as a decimal string rounded (half up) to the currency's minor
     * unit, or null where the server would refuse it: negative, not a number,
     * or 10^12 and above.
     *
     * A string is read digit by digit ("129.9", "129.9000"); a float is read
     * as its shortest decimal form, so 0.1 + 0.2 is "0.30".
     *
     * @param string|int|float|null $amount
     */
    public static function decimal($amount, ?string $currency): ?string
    {
        if (is_int($amount)) {
            $amount = (string) $amount;
        } elseif (is_float($amount)) {
            if (!is_finite($amount)) {
                return null;
            }
            $amount = self::floatToString($amount);
        }
        if (!is_string($amount) || !preg_match('/^\s*(\d+)(?:\.(\d*))?\s*$/D', $amount, $match)) {
            return null;
        }
        $exponent = self::exponent($currency);
        $fraction = $match[2] ?? '';
        $digits = ltrim($match[1], '0') . str_pad(substr($fraction, 0, $exponent), $exponent, '0');
        if (strlen($fraction) > $exponent && $fraction[$exponent] >= '5') {
            $digits = self::increment($digits);
        }
        $digits = str_pad(ltrim($digits, '0'), $exponent + 1, '0', STR_PAD_LEFT);
        $integer = $exponent > 0 ? substr($digits, 0, -$exponent) : $digits;
        if (strlen($integer) > self::MAX_INTEGER_DIGITS) {
            return null;
        }

        return $exponent > 0 ? $integer . '.' . substr($digits, -$exponent) : $integer;
    }

    /** The exact sum of two decimal strings, in the currency's minor unit. */
    public static function add(string $a, string $b, ?string $currency): ?string
    {
        $exponent = self::exponent($currency);
        $a = self::decimal($a, $currency);
        $b = self::decimal($b, $currency);
        if ($a === null || $b === null) {
            return null;
        }
        $x = str_replace('.', '', $a);
        $y = str_replace('.', '', $b);
        $length = max(strlen($x), strlen($y));
        $x = str_pad($x, $length, '0', STR_PAD_LEFT);
        $y = str_pad($y, $length, '0', STR_PAD_LEFT);
        $sum = '';
        $carry = 0;
        for ($i = $length - 1; $i >= 0; --$i) {
            $digit = (int) $x[$i] + (int) $y[$i] + $carry;
            $sum = ($digit % 10) . $sum;
            $carry = intdiv($digit, 10);
        }
        $sum = ($carry ? '1' : '') . $sum;

        return self::decimal($exponent > 0 ? substr($sum, 0, -$exponent) . '.' . substr($sum, -$exponent) : $sum, $currency);
    }

    /**
     * A float's decimal form to 15 significant digits (all a double holds
     * reliably), so 1.005 reads as 1.005 and not as 1.00499999999999989;
     * never in exponent notation.
     */
    private static function floatToString(float $amount): string
    {
        $text = sprintf('%.15g', $amount == 0.0 ? 0.0 : $amount);
        if (preg_match('/^(-?)(\d)(?:\.(\d+))?e([-+]?\d+)$/iD', $text, $match)) {
            $digits = $match[2] . ($match[3] ?? '');
            $point = 1 + (int) $match[4];
            if ($point <= 0) {
                $text = $match[1] . '0.' . str_repeat('0', -$point) . $digits;
            } else {
                $digits = str_pad($digits, $point, '0');
                $text = $match[1] . substr($digits, 0, $point) . '.' . (substr($digits, $point) ?: '0');
            }
        }

        return $text;
    }

    /** Add one to a string of decimal digits. */
    private static function increment(string $digits): string
    {
        for ($i = strlen($digits) - 1; $i >= 0; --$i) {
            if ($digits[$i] !== '9') {
                return substr($digits, 0, $i) . ((int) $digits[$i] + 1) . str_repeat('0', strlen($digits) - $i - 1);
            }
        }

        return '1' . str_repeat('0', strlen($digits));
    }
}
