<?php

declare(strict_types=1);

use PHPUnit\Framework\TestCase;
use Thankyou\WooCommerce\OrderMapper;

final class WooCommerceOrderMapperTest extends TestCase
{
    protected function setUp(): void
    {
        WpStub::reset();
    }

    public function testAnOrderBecomesTheNeutralOrderAndCustomer(): void
    {
        [$order, $customer] = OrderMapper::map(woocommerce_order_from_scenario(scenario('first-order')));

        $this->assertSame(1001, $order['id']);
        $this->assertSame('SO-1001', $order['number']);
        $this->assertSame('2026-11-25T10:15:00+01:00', $order['created_at']->format(DATE_ATOM));
        $this->assertSame(['EUR', '49.90'], [$order['currency'], $order['total']]);
        $this->assertSame(['country' => 'DE', 'method' => 'DHL Paket'], $order['shipping']);
        $this->assertCount(2, $order['items']);
        $this->assertSame(['ESP-1', 'Espresso Bohnen', 'Kaffee', 2], array_slice(array_values($order['items'][0]), 0, 4));
        $this->assertEqualsWithDelta(14.90, $order['items'][0]['price'], 0.001, 'per unit, with tax');
        $this->assertSame([
            'id' => 7,
            'first_name' => 'Anna',
            'email' => 'anna@example.com',
            'is_guest' => false,
            'newsletter' => null,
            'orders_count' => 1,
            'total_spent' => '49.90',
            'first_order_at' => '2026-11-25T10:15:00+01:00',
        ], $customer);
    }

    public function testTheHistoryIsTheCustomersCountedOrdersAndThisOne(): void
    {
        $scenario = scenario('vip');
        $order = woocommerce_order_from_scenario($scenario);
        // Another customer's order and a cancelled one of this customer do not count.
        WpStub::$orders[5] = new WC_Order(['id' => 5, 'status' => 'completed', 'customer_id' => 99, 'currency' => 'EUR', 'total' => '1000', 'date_created' => new WC_DateTime('2020-01-01')]);
        WpStub::$orders[6] = new WC_Order(['id' => 6, 'status' => 'cancelled', 'customer_id' => 8, 'currency' => 'EUR', 'total' => '1000', 'date_created' => new WC_DateTime('2020-01-01')]);

        [, $customer] = OrderMapper::map($order);

        $this->assertSame(25, $customer['orders_count']);
        $this->assertSame('3089.70', $customer['total_spent'], '24 × 125.00 + 89.70');
        $this->assertSame('2024-11-01T10:00:00+00:00', $customer['first_order_at']);
        $this->assertSame(8, WpStub::$queries[0]['customer_id']);
        $this->assertSame(['processing', 'on-hold', 'completed'], WpStub::$queries[0]['status']);
    }

    public function testGuestsAreKnownByTheirBillingEmail(): void
    {
        $scenario = scenario('first-order');
        $scenario['customer']['is_guest'] = true;
        $scenario['history'] = [['id' => 3, 'total' => '10.00', 'currency' => 'EUR', 'created_at' => '2026-01-01 10:00:00']];
        [, $customer] = OrderMapper::map(woocommerce_order_from_scenario($scenario));

        $this->assertTrue($customer['is_guest']);
        $this->assertNull($customer['id']);
        $this->assertSame(2, $customer['orders_count']);
        $this->assertSame('anna@example.com', WpStub::$queries[0]['billing_email']);
        $this->assertArrayNotHasKey('customer_id', WpStub::$queries[0]);
    }

    public function testAGuestWithoutEmailHasThisOrderOnly(): void
    {
        $scenario = scenario('first-order');
        $scenario['customer'] = ['is_guest' => true];
        [, $customer] = OrderMapper::map(woocommerce_order_from_scenario($scenario));

        $this->assertSame(1, $customer['orders_count']);
        $this->assertSame([], WpStub::$queries);
    }

    public function testANewsletterPluginTellsTheStatusThroughAFilter(): void
    {
        add_filter('thankyou_embed_newsletter', static function ($subscribed, WC_Order $order): bool {
            return $order->get_billing_email() === 'anna@example.com';
        });
        [, $customer] = OrderMapper::map(woocommerce_order_from_scenario(scenario('first-order')));

        $this->assertTrue($customer['newsletter']);
    }

    public function testADeletedProductKeepsItsLineWithoutSkuAndCategory(): void
    {
        $order = new WC_Order([
            'id' => 9, 'currency' => 'EUR', 'total' => '5.00', 'date_created' => new WC_DateTime(),
            'items' => [new WC_Order_Item_Product('Gone', 1, false, '5.00', '0.00')],
        ]);
        [$data] = OrderMapper::map($order);

        $this->assertSame(['sku' => null, 'name' => 'Gone', 'category' => null, 'quantity' => 1, 'price' => 5.0], $data['items'][0]);
    }
}
