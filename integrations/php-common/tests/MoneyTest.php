<?php

declare(strict_types=1);

use PHPUnit\Framework\TestCase;
use Thankyou\Common\Money;

final class MoneyTest extends TestCase
{
    /** @dataProvider amounts */
    public function testAmountsBecomeDecimalStringsInTheCurrencysMinorUnit($amount, ?string $currency, ?string $expected): void
    {
        $this->assertSame($expected, Money::decimal($amount, $currency));
    }

    public function amounts(): array
    {
        return [
            'float error of 0.1 + 0.2' => [0.1 + 0.2, 'EUR', '0.30'],
            'a float that is just below its decimal' => [1.005, 'EUR', '1.01'],
            'the sum of a basket in floats' => [19.99 + 19.99 + 0.02, 'EUR', '40.00'],
            'a string with one decimal' => ['129.9', 'EUR', '129.90'],
            "Magento's four decimals" => ['129.9000', 'EUR', '129.90'],
            'half a cent rounds up, carrying over' => ['999.995', 'EUR', '1000.00'],
            'below half a cent rounds down' => ['0.124999', 'EUR', '0.12'],
            'whole units as an integer' => [12, 'EUR', '12.00'],
            'yen have no minor unit' => [1500.0, 'JPY', '1500'],
            'yen as a string with decimals' => ['1499.5', 'JPY', '1500'],
            'dinars have three' => ['12.3456', 'KWD', '12.346'],
            'an unknown currency has two' => ['5', null, '5.00'],
            'leading zeros go' => ['007.5', 'EUR', '7.50'],
            'zero' => [0.0, 'EUR', '0.00'],
            'a tiny float' => [1.5e-7, 'EUR', '0.00'],
            'negative amounts are refused' => [-1.0, 'EUR', null],
            'negative strings are refused' => ['-5.00', 'EUR', null],
            'a comma is not a decimal point' => ['129,90', 'EUR', null],
            'not a number' => ['abc', 'EUR', null],
            'infinity' => [INF, 'EUR', null],
            'null' => [null, 'EUR', null],
            'thirteen digits are too many for the server' => [1e15, 'EUR', null],
            'rounding up to thirteen digits too' => ['999999999999.995', 'EUR', null],
            'twelve digits are fine' => ['999999999999.99', 'EUR', '999999999999.99'],
        ];
    }

    /** @dataProvider minorUnits */
    public function testMinorUnitsFollowTheCurrency(int $minor, string $currency, ?string $expected): void
    {
        $this->assertSame($expected, Money::fromMinorUnits($minor, $currency));
    }

    public function minorUnits(): array
    {
        return [
            'cents' => [12990, 'EUR', '129.90'],
            'a few cents' => [5, 'EUR', '0.05'],
            'yen' => [1500, 'JPY', '1500'],
            'fils' => [12345, 'KWD', '12.345'],
            'negative' => [-100, 'EUR', null],
        ];
    }

    public function testAdditionIsExact(): void
    {
        $this->assertSame('0.30', Money::add('0.10', '0.20', 'EUR'));
        $this->assertSame('1000.00', Money::add('999.99', '0.01', 'EUR'));
        $this->assertSame('3', Money::add('1', '2', 'JPY'));
        $this->assertSame('24.690', Money::add('12.345', '12.345', 'KWD'));
    }

    public function testTheSumIsRefusedWhenTooLargeForTheServer(): void
    {
        $this->assertNull(Money::add('999999999999.99', '0.01', 'EUR'));
    }
}
