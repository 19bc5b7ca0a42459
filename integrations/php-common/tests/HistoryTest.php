<?php

declare(strict_types=1);

use PHPUnit\Framework\TestCase;
use Thankyou\Common\History;

final class HistoryTest extends TestCase
{
    private const ORDER = ['id' => 'o-3', 'currency' => 'EUR', 'total' => '50.10', 'created_at' => '2026-11-25 09:00:00'];

    public function testThisOrderCountsOnceWhetherTheListHasItOrNot(): void
    {
        $past = [
            ['id' => 'o-1', 'currency' => 'EUR', 'total' => '0.10', 'created_at' => '2025-03-01 10:00:00'],
            ['id' => 'o-2', 'currency' => 'EUR', 'total' => 0.2, 'created_at' => '2025-06-01 10:00:00'],
        ];
        $expected = ['orders_count' => 3, 'total_spent' => '50.40', 'first_order_at' => '2025-03-01T10:00:00+00:00'];
        $this->assertSame($expected, History::summarise($past, self::ORDER));
        $this->assertSame($expected, History::summarise([...$past, self::ORDER], self::ORDER));
        $this->assertSame($expected, History::summarise([self::ORDER, ...$past, ['id' => 'o-3'] + self::ORDER], self::ORDER));
    }

    public function testAFirstOrderIsItsOwnHistory(): void
    {
        $this->assertSame(
            ['orders_count' => 1, 'total_spent' => '50.10', 'first_order_at' => '2026-11-25T09:00:00+00:00'],
            History::summarise([], self::ORDER)
        );
    }

    public function testOrdersInOtherCurrenciesCountButAreNotAddedUp(): void
    {
        $past = [['id' => 'o-1', 'currency' => 'CHF', 'total' => '900.00', 'created_at' => '2025-01-01 00:00:00']];
        $summary = History::summarise($past, self::ORDER);
        $this->assertSame(2, $summary['orders_count']);
        $this->assertSame('50.10', $summary['total_spent']);
        $this->assertSame('2025-01-01T00:00:00+00:00', $summary['first_order_at']);
    }

    public function testTheEarliestDateWinsWhateverTheOrderOfTheListAndTheZones(): void
    {
        $past = [
            ['id' => 'a', 'currency' => 'EUR', 'total' => '1', 'created_at' => new DateTimeImmutable('2025-05-01T01:00:00+02:00')],
            ['id' => 'b', 'currency' => 'EUR', 'total' => '1', 'created_at' => new DateTimeImmutable('2025-04-30T23:30:00+00:00')],
        ];
        // 01:00 in Berlin's summer is 23:00 UTC, before b's 23:30 UTC.
        $this->assertSame('2025-05-01T01:00:00+02:00', History::summarise($past, self::ORDER)['first_order_at']);
    }
}
