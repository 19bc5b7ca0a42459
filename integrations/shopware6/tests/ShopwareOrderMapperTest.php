<?php

declare(strict_types=1);

use PHPUnit\Framework\TestCase;
use Thankyou\Shopware\OrderMapper;

final class ShopwareOrderMapperTest extends TestCase
{
    public function testAnOrderBecomesTheNeutralOrderAndCustomer(): void
    {
        [$order, $context, $history] = shopware_order_from_scenario(scenario('first-order'));
        [$data, $customer] = (new OrderMapper($history))->map($order, $context);

        $this->assertSame('000000000000000000000000000003e9', $data['id']);
        $this->assertSame('SO-1001', $data['number']);
        $this->assertSame('2026-11-25T09:15:00+00:00', $data['created_at']->format(DATE_ATOM));
        $this->assertSame(['EUR', 49.9], [$data['currency'], $data['total']]);
        $this->assertSame(['country' => 'DE', 'method' => 'DHL Paket'], $data['shipping']);
        $this->assertSame([
            ['sku' => 'ESP-1', 'name' => 'Espresso Bohnen', 'category' => 'Kaffee', 'quantity' => 2, 'price' => 14.9],
            ['sku' => 'MUG-2', 'name' => 'Tasse', 'category' => 'Zubehör', 'quantity' => 1, 'price' => 20.1],
        ], $data['items'], 'the promotion is no purchase');
        $this->assertSame([
            'id' => '7',
            'first_name' => 'Anna',
            'email' => 'anna@example.com',
            'is_guest' => false,
            'newsletter' => false,
            'orders_count' => 1,
            'total_spent' => '49.90',
            'first_order_at' => '2026-11-25T09:15:00+00:00',
        ], $customer);
        $this->assertSame('de-DE', OrderMapper::locale($order));
    }

    public function testTheHistoryCountsThisOrderOnceAndAddsUpItsCurrency(): void
    {
        $scenario = scenario('vip');
        // The history source finds the new order too: it is stored before the finish page.
        $scenario['history'][] = ['id' => sprintf('%032x', 2002), 'total' => 89.7, 'currency' => 'EUR', 'created_at' => '2026-11-25 09:15:00'];
        [$order, $context, $history] = shopware_order_from_scenario($scenario);
        [, $customer] = (new OrderMapper($history))->map($order, $context);

        $this->assertSame(25, $customer['orders_count']);
        $this->assertSame('3089.70', $customer['total_spent']);
        $this->assertSame('2024-11-01T10:00:00+00:00', $customer['first_order_at']);
        $this->assertTrue($customer['newsletter']);
    }

    public function testAGuestIsSaidToBeOne(): void
    {
        $scenario = scenario('first-order');
        $scenario['customer']['is_guest'] = true;
        [$order, $context, $history] = shopware_order_from_scenario($scenario);

        $this->assertTrue((new OrderMapper($history))->map($order, $context)[1]['is_guest']);
    }
}
