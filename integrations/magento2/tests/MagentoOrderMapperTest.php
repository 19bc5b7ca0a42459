<?php

declare(strict_types=1);

use PHPUnit\Framework\TestCase;
use Thankyou\Embed\Model\OrderMapper;

final class MagentoOrderMapperTest extends TestCase
{
    public function testAnOrderBecomesTheNeutralOrderAndCustomer(): void
    {
        [$order, $history, $categories] = magento_order_from_scenario(scenario('first-order'));
        [$data, $customer] = (new OrderMapper($history, $categories))->map($order);

        $this->assertSame([
            'id' => '1001',
            'number' => 'SO-1001',
            'created_at' => '2026-11-25 09:15:00',
            'currency' => 'EUR',
            'total' => '49.9000',
            'items' => [
                ['sku' => 'ESP-1', 'name' => 'Espresso Bohnen', 'category' => 'Kaffee', 'quantity' => '2.0000', 'price' => '14.9000'],
                ['sku' => 'MUG-2', 'name' => 'Tasse', 'category' => 'Zubehör', 'quantity' => '1.0000', 'price' => '20.1000'],
            ],
            'shipping' => ['country' => 'DE', 'method' => 'Flat Rate - DHL Paket'],
        ], $data);
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
    }

    public function testMagentosDecimalStringsBecomeTheClaimsOwn(): void
    {
        [$order, $history, $categories] = magento_order_from_scenario(scenario('first-order'));
        [$data, $customer] = (new OrderMapper($history, $categories))->map($order);
        $claims = \Thankyou\Common\Claims::build('acme', $data, $customer);

        $this->assertSame('49.90', $claims['order']['total']);
        $this->assertSame(2, $claims['order']['items'][0]['quantity']);
        $this->assertSame('14.90', $claims['order']['items'][0]['price']);
        $this->assertSame('2026-11-25T09:15:00+00:00', $claims['order']['created_at']);
    }

    public function testTheHistoryCountsThisOrderOnce(): void
    {
        $scenario = scenario('vip');
        $scenario['history'][] = ['id' => '2002', 'total' => '89.7000', 'currency' => 'EUR', 'created_at' => '2026-11-25 09:15:00'];
        [$order, $history, $categories] = magento_order_from_scenario($scenario);
        [, $customer] = (new OrderMapper($history, $categories))->map($order);

        $this->assertSame([25, '3089.70', '2024-11-01T10:00:00+00:00', true], [
            $customer['orders_count'], $customer['total_spent'], $customer['first_order_at'], $customer['newsletter'],
        ]);
    }

    public function testAGuestHasNoCustomerId(): void
    {
        $scenario = scenario('first-order');
        $scenario['customer']['is_guest'] = true;
        [$order, $history, $categories] = magento_order_from_scenario($scenario);
        [, $customer] = (new OrderMapper($history, $categories))->map($order);

        $this->assertTrue($customer['is_guest']);
        $this->assertNull($customer['id']);
    }
}
