<?php

declare(strict_types=1);

use PHPUnit\Framework\TestCase;
use Thankyou\Common\Claims;

final class ClaimsTest extends TestCase
{
    private const NOW = 1795000000;

    public function testAnOrderBecomesTheClaimsOfTheContract(): void
    {
        $claims = Claims::build('acme', [
            'id' => 1001,
            'number' => 'SO-1001',
            'created_at' => new DateTimeImmutable('2026-11-25 10:15:00', new DateTimeZone('Europe/Berlin')),
            'currency' => 'eur',
            'total' => 129.9,
            'items' => [
                ['sku' => 'ESP-1', 'name' => 'Espresso', 'category' => 'Kaffee', 'quantity' => 2, 'price' => '14.9'],
            ],
            'shipping' => ['country' => 'de', 'method' => 'DHL'],
        ], [
            'id' => 42,
            'first_name' => 'Anna',
            'email' => 'anna@example.com',
            'is_guest' => false,
            'newsletter' => '1',
            'orders_count' => 3,
            'total_spent' => 0.1 + 0.2,
            'first_order_at' => '2024-01-05 08:00:00',
        ], ['now' => self::NOW, 'locale' => 'de_DE', 'referral' => 'friend-7']);

        $this->assertSame([
            'iss' => 'acme',
            'aud' => 'thankyou',
            'iat' => self::NOW,
            'exp' => self::NOW + 3600,
            'locale' => 'de-DE',
            'order' => [
                'id' => '1001',
                'number' => 'SO-1001',
                'created_at' => '2026-11-25T10:15:00+01:00',
                'currency' => 'EUR',
                'total' => '129.90',
                'items' => [
                    ['sku' => 'ESP-1', 'name' => 'Espresso', 'category' => 'Kaffee', 'quantity' => 2, 'price' => '14.90'],
                ],
                'shipping' => ['country' => 'DE', 'method' => 'DHL'],
            ],
            'customer' => [
                'id' => '42',
                'first_name' => 'Anna',
                'email' => 'anna@example.com',
                'is_guest' => false,
                'newsletter' => true,
                'orders_count' => 3,
                'total_spent' => '0.30',
                'first_order_at' => '2024-01-05T08:00:00+00:00',
            ],
            'referral' => 'friend-7',
        ], $claims);
    }

    public function testWhatTheServerWouldRefuseIsLeftOutNotSent(): void
    {
        $claims = Claims::build('acme', [
            'id' => ' A-1 ',
            'created_at' => '0000-00-00 00:00:00',
            'currency' => 'Euro',
            'total' => '-3',
            'items' => [['name' => '', 'price' => 'free'], ['sku' => 'X', 'quantity' => 2.6]],
            'shipping' => ['country' => 'Germany', 'method' => ''],
        ], [
            'email' => 'anna@example',
            'is_guest' => 'maybe',
            'first_name' => "\u{00a0}",
            'orders_count' => -4,
        ], ['now' => self::NOW, 'locale' => 'Deutsch', 'referral' => 'no spaces please']);

        $this->assertSame(['id' => 'A-1', 'items' => [['sku' => 'X', 'quantity' => 3]]], $claims['order']);
        $this->assertSame(['orders_count' => 1], $claims['customer'], 'this order is one at least');
        $this->assertArrayNotHasKey('locale', $claims);
        $this->assertArrayNotHasKey('referral', $claims);
    }

    public function testNoCustomerNoCustomerClaim(): void
    {
        $this->assertArrayNotHasKey('customer', Claims::build('acme', ['id' => 1], null, ['now' => self::NOW]));
        $this->assertArrayNotHasKey('customer', Claims::build('acme', ['id' => 1], ['email' => 'x'], ['now' => self::NOW]));
    }

    public function testAnOrderNeedsAnId(): void
    {
        $this->expectException(InvalidArgumentException::class);
        Claims::build('acme', ['id' => '  ', 'total' => '5'], null);
    }

    public function testTheLifetimeIsAtMostADayAndAtLeastAMinute(): void
    {
        $long = Claims::build('acme', ['id' => 1], null, ['now' => self::NOW, 'lifetime' => 7 * 86400]);
        $short = Claims::build('acme', ['id' => 1], null, ['now' => self::NOW, 'lifetime' => 0]);
        $this->assertSame(86400, $long['exp'] - $long['iat']);
        $this->assertSame(60, $short['exp'] - $short['iat']);
    }

    public function testTestOrdersSaySo(): void
    {
        $this->assertTrue(Claims::build('acme', ['id' => 1], null, ['test' => true])['test']);
        $this->assertArrayNotHasKey('test', Claims::build('acme', ['id' => 1], null, ['test' => false]));
    }

    public function testAtMost500ItemsAndAtMostAMillionOfOne(): void
    {
        $items = array_fill(0, 600, ['sku' => 'S', 'quantity' => 5000000]);
        $claims = Claims::build('acme', ['id' => 1, 'items' => $items], null);
        $this->assertCount(500, $claims['order']['items']);
        $this->assertSame(1000000, $claims['order']['items'][0]['quantity']);
    }

    public function testAmountsFollowTheOrdersCurrency(): void
    {
        $claims = Claims::build('acme', [
            'id' => 1, 'currency' => 'JPY', 'total' => 1500.0, 'items' => [['price' => '750']],
        ], ['total_spent' => '45000.4']);
        $this->assertSame('1500', $claims['order']['total']);
        $this->assertSame('750', $claims['order']['items'][0]['price']);
        $this->assertSame('45000', $claims['customer']['total_spent']);
    }

    /** @dataProvider dates */
    public function testDatesCarryTheirOffset($date, ?string $expected): void
    {
        $this->assertSame($expected, Claims::date($date));
    }

    public function dates(): array
    {
        return [
            'a DateTime in its zone' => [new DateTime('2026-07-01 12:00', new DateTimeZone('America/New_York')), '2026-07-01T12:00:00-04:00'],
            'Unix seconds' => [1795000000, '2026-11-18T11:06:40+00:00'],
            'a database string is UTC' => ['2026-11-25 09:15:00', '2026-11-25T09:15:00+00:00'],
            'ISO 8601 with an offset' => ['2026-11-25T10:15:00+01:00', '2026-11-25T10:15:00+01:00'],
            'a zero date means none' => ['0000-00-00 00:00:00', null],
            'words are no date' => ['tomorrow', null],
            'before 1970' => [new DateTimeImmutable('1969-12-31'), null],
        ];
    }
}
